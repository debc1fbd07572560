// A fresh database for the example; its URL reaches the build (and so the application under test) as
// -Dspring.datasource.* through test.properties.
evaluate(new File(basedir, 'db.groovy'))
admin('DROP DATABASE IF EXISTS cairn_spring_example WITH (FORCE)')
admin('CREATE DATABASE cairn_spring_example')
def db = server.withDatabase('cairn_spring_example')
def props = new Properties()
props.setProperty('spring.datasource.url', db.jdbcUrl())
props.setProperty('spring.datasource.username', db.user().orElse('postgres'))
db.password().ifPresent { props.setProperty('spring.datasource.password', it) }
new File(basedir, 'test.properties').withWriter { props.store(it, 'written by setup.groovy') }
true
