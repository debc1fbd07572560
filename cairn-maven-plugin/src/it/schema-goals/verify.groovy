evaluate(new File(basedir, '../../../src/it/db.groovy'))
try {
    def log = buildLog()
    check(log.contains('applied 2 migrations'), 'migrate did not report 2 applied migrations:\n' + log)
    check(log.contains('wrote DATABASE.md: 1 tables'), 'snapshot did not write DATABASE.md:\n' + log)
    def md = new File(basedir, 'DATABASE.md').getText('UTF-8')
    check(md.contains('### Table `public.accounts`') && md.contains('who signs in') && !md.contains('cairn_history'),
            'DATABASE.md does not describe accounts:\n' + md)
    check(log.contains('no drift: the schema matches the 2 applied migrations'), 'drift did not pass:\n' + log)
    check(log.contains('0 errors, 0 warnings, 0 info in 2 files, 3 statements (observed on a scratch database)'),
            'lint did not observe the 2 pending migrations:\n' + log)
    check(log.contains('-- ') && log.contains('db/migrations/003_add_account_name.sql')
            && log.contains('ALTER TABLE public.accounts ADD COLUMN name text;'),
            'generate did not print the migration to db/desired.sql:\n' + log)
    check(!new File(basedir, 'db/migrations/003_add_account_name.sql').exists(), 'generate --dry-run wrote a file')
    check(log.contains('verified 2 migrations: every down undoes its up'), 'verify did not pass:\n' + log)
} finally {
    dropDatabase('cairn_mvn_it_schema')
}
true
