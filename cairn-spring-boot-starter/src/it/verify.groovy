evaluate(new File(basedir, 'db.groovy'))
try {
    def log = new File(basedir, 'build.log').getText('UTF-8')
    check(log.contains('cairn: applied 20240101090000_create_products.sql'), 'Cairn did not apply the first migration:\n' + log)
    check(log.contains('Tests run: 1, Failures: 0, Errors: 0'), 'the example\'s test did not pass:\n' + log)
    def history = query('cairn_spring_example', "SELECT version FROM cairn_history WHERE status = 'SUCCESS' ORDER BY version")
    check(history == [['20240101090000'], ['20240101090100']], 'the history is not the two migrations: ' + history)
} finally {
    admin('DROP DATABASE IF EXISTS cairn_spring_example WITH (FORCE)')
}
true
