evaluate(new File(basedir, '../../../src/it/db.groovy'))
try {
    def log = buildLog()
    check(log.contains('valid: 1 migrations, no problems'), 'the first validate did not pass:\n' + log)
    check(log.contains('invalid: ') && log.contains('001_create_accounts.sql'),
            'validate did not report the edited 001_create_accounts.sql:\n' + log)
    // What to do next in the plugin's words, not the command line's.
    check(log.contains("run 'mvn cairn:repair' to accept it") && !log.contains('--rerun-modified'),
            'validate did not advise the repair goal:\n' + log)
    check(log.contains('BUILD FAILURE'), 'validate did not fail the build:\n' + log)
    noStackTrace(log)
} finally {
    dropDatabase('cairn_mvn_it_tampered')
}
true
