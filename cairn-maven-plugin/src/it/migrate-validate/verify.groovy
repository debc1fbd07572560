evaluate(new File(basedir, '../../../src/it/db.groovy'))
try {
    def log = buildLog()
    check(log.contains('applied 2 migrations'), 'migrate did not report 2 applied migrations:\n' + log)
    check(log.contains('valid: 2 migrations, no problems'), 'validate did not pass:\n' + log)
    check(log.contains('2 migrations: 2 applied, 0 pending'), 'status did not list 2 applied:\n' + log)
    def tables = query('cairn_mvn_it_migrate', "SELECT to_regclass('accounts') IS NOT NULL, to_regclass('accounts_email') IS NOT NULL")
    check(tables == [[true, true]], 'accounts or its index is missing: ' + tables)
    def history = query('cairn_mvn_it_migrate', "SELECT version FROM schema_history WHERE status = 'SUCCESS' ORDER BY version")
    check(history == [['001'], ['002']], 'the history (schema_history, from cairn.toml) is not 001, 002: ' + history)
    check(log.contains('target: postgres@') && log.contains('/cairn_mvn_it_migrate') && !log.contains('nothing'),
            'the URL did not come from the [env.ci] section of cairn.toml:\n' + log)
} finally {
    dropDatabase('cairn_mvn_it_migrate')
}
true
