evaluate(new File(basedir, '../../../src/it/db.groovy'))
try {
    def log = buildLog()
    check(log.contains('cairn: skipped (cairn.skip)'), 'cairn.skip was not honoured:\n' + log)
    check(log.contains('002_seed.sql:3'), 'the failure does not name 002_seed.sql:3:\n' + log)
    check(log.contains('42P01'), 'the failure does not give the SQLSTATE 42P01:\n' + log)
    check(log.contains('BUILD FAILURE'), 'the build did not fail:\n' + log)
    check(log.contains("next: fix the file and run 'mvn cairn:migrate' again"), 'no next step in Maven words:\n' + log)
    noStackTrace(log)
    def applied = query('cairn_mvn_it_failing', "SELECT version, status FROM cairn_history ORDER BY version")
    check(applied.find { it[0] == '001' && it[1] == 'SUCCESS' } != null, '001 is not applied: ' + applied)
    check(applied.find { it[0] == '002' && it[1] == 'SUCCESS' } == null, '002 is recorded as applied: ' + applied)
    check(query('cairn_mvn_it_failing', 'SELECT count(*) FROM accounts') == [[0L]], '002 was not rolled back')
} finally {
    dropDatabase('cairn_mvn_it_failing')
}
true
