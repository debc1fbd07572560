// Shared by setup.groovy and verify.groovy of the example's build: a database of its own on the server of
// CAIRN_TEST_DATABASE_URL (cairnServer, from the invoker's scriptVariables), or, when that is unset, on an
// embedded PostgreSQL 15 started once for the invoking build (kept in the invoking JVM's system properties).
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
    try {
        return body(c)
    } finally {
        c.close()
    }
}

admin = { String sql -> withConnection(server) { c -> c.createStatement().execute(sql) } }

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

check = { boolean ok, String what ->
    if (!ok) {
        throw new AssertionError(what)
    }
}
