// Shared by the setup and verify scripts of every build under src/it: each build gets a database of its own
// on the server of CAIRN_TEST_DATABASE_URL (cairnServer, from the invoker's scriptVariables), or, when that
// is unset, on an embedded PostgreSQL 15 started once for the whole invoking build: its URL and the server
// itself are kept in the system properties of the invoking JVM, which every script of the build shares.
import dev.cairn.config.DatabaseUrl
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres

synchronized (System.getProperties()) {
    def url = cairnServer
    if (url == 'embedded') {
        url = System.getProperty('cairn.it.embedded.url')
        if (url == null) {
            def pg = EmbeddedPostgres.builder().start()
            System.getProperties().put('cairn.it.embedded.server', pg)
            url = 'jdbc:postgresql://localhost:' + pg.port + '/postgres?user=postgres'
            System.setProperty('cairn.it.embedded.url', url)
        }
    }
    server = DatabaseUrl.parse(url)
}

withConnection = { DatabaseUrl url, Closure body ->
    def c = new org.postgresql.Driver().connect(url.jdbcUrl(), url.properties())
    if (c == null) {
        throw new IllegalStateException("the PostgreSQL driver does not accept " + url.display())
    }
    try {
        return body(c)
    } finally {
        c.close()
    }
}

admin = { String sql -> withConnection(server) { c -> c.createStatement().execute(sql) } }

/** Creates the build's database afresh and hands its URL, user and password to the build as -D properties. */
createDatabase = { String name ->
    admin('DROP DATABASE IF EXISTS "' + name + '" WITH (FORCE)')
    admin('CREATE DATABASE "' + name + '"')
    def db = server.withDatabase(name)
    def props = new Properties()
    props.setProperty('cairn.url', db.jdbcUrl())
    db.user().ifPresent { props.setProperty('cairn.user', it) }
    db.password().ifPresent { props.setProperty('cairn.password', it) }
    new File(basedir, 'test.properties').withWriter { props.store(it, 'written by setup.groovy') }
}

dropDatabase = { String name -> admin('DROP DATABASE IF EXISTS "' + name + '" WITH (FORCE)') }

/** The rows of a query on the build's database, each a list of column values. */
query = { String name, String sql ->
    withConnection(server.withDatabase(name)) { c ->
        def rs = c.createStatement().executeQuery(sql)
        def rows = []
        while (rs.next()) {
            rows << (1..rs.metaData.columnCount).collect { rs.getObject(it) }
        }
        rows
    }
}

buildLog = { -> new File(basedir, 'build.log').getText('UTF-8') }

check = { boolean ok, String what ->
    if (!ok) {
        throw new AssertionError(what)
    }
}

/** The failure is the CLI's message, not a stack trace. */
noStackTrace = { String log ->
    check(!(log =~ /(?m)^\s+at [a-z]+\./).find(), 'the build log holds a stack trace:\n' + log)
}
