evaluate(new File(basedir, '../../../src/it/db.groovy'))
try {
    def log = buildLog()
    check(log.contains('roll back 1 migration needs confirmation and a build cannot ask; run again with -Dcairn.yes'),
            'rollback without cairn.yes was not refused:\n' + log)
    check(log.contains('rolled back 1 migration'), 'rollback with cairn.yes did not run:\n' + log)
    check(log.contains('baseline needs the last migration the database already has'),
            'baseline without a version did not say what is missing:\n' + log)
    check(log.contains("no <server> with id 'no-such-server' in settings.xml"), 'an unknown serverId was not reported:\n' + log)
    check(log.contains('MojoFailureException') && log.contains('MojoExecutionException'),
            'the refusal is not a MojoFailureException or the usage error not a MojoExecutionException:\n' + log)
    noStackTrace(log)
    check(query('cairn_mvn_it_rollback', "SELECT to_regclass('accounts') IS NULL") == [[true]], 'accounts is still there')
} finally {
    dropDatabase('cairn_mvn_it_rollback')
}
true
