evaluate(new File(basedir, '../../../src/it/db.groovy'))
createDatabase('cairn_mvn_it_migrate')
// The URL comes from cairn.toml's [env.ci] section (the POM's <env>), not from -Dcairn.url; the top level's
// url, which reaches nothing, must lose to it, while its dir and table apply.
def props = new Properties()
def file = new File(basedir, 'test.properties')
file.withReader { props.load(it) }
def url = props.remove('cairn.url')
file.withWriter { props.store(it, 'written by setup.groovy, without cairn.url') }
new File(basedir, 'cairn.toml').setText("""\
url = "postgres://nobody@127.0.0.1:1/nothing"
dir = "sql"
table = "schema_history"

[env.ci]
url = "${url}"
""", 'UTF-8')
true
