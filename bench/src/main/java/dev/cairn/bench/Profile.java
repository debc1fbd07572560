package dev.cairn.bench;

import dev.cairn.Cairn;
import dev.cairn.migration.DirectoryScan;
import dev.cairn.migration.Discovery;
import dev.cairn.migration.Migration;
import dev.cairn.sql.SqlSplitter;
import java.io.PrintWriter;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Where Cairn's time goes: Cairn runs on a data source whose connections and statements are
 * proxies that add up the wall-clock time and count of every JDBC call; what is left of the total
 * is spent in the JVM (Cairn, and pgjdbc decoding rows). The same for the raw-JDBC bound, and the
 * file-reading and splitting stages on their own.
 *
 * <pre>Profile --url=jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres --sizes=1000 --noops=5</pre>
 */
public final class Profile {

    private final Map<String, long[]> calls = new TreeMap<>();

    public static void main(String[] args) throws Exception {
        Bench.quietLogging();
        Map<String, String> a = new TreeMap<>();
        for (String arg : args) {
            a.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
        }
        String admin = a.getOrDefault("url", "jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres");
        Path work = Path.of(a.getOrDefault("work", "bench/target/work")).toAbsolutePath();
        int noops = Integer.parseInt(a.getOrDefault("noops", "5"));
        PrintWriter out = new PrintWriter(System.out, true);
        for (String s : a.getOrDefault("sizes", "1000").split(",")) {
            Workload w = Workload.generate(work, Integer.parseInt(s.strip()));
            stages(out, w);
            for (String mode : List.of("cairn", "raw")) {
                String db = "bench_profile_" + mode;
                admin(admin, "DROP DATABASE IF EXISTS " + db);
                admin(admin, "CREATE DATABASE " + db);
                String url = admin.replace("/postgres?", "/" + db + "?");
                try {
                    Profile p = new Profile();
                    long t = p.run(mode, url, w);
                    p.print(out, mode + " apply N=" + w.size(), t);
                    for (int i = 0; i < noops; i++) {
                        p = new Profile();
                        t = p.run(mode, url, w);
                        if (i == noops - 1) {
                            p.print(out, mode + " no-op N=" + w.size() + " (last of " + noops + ")", t);
                        }
                    }
                } finally {
                    admin(admin, "DROP DATABASE IF EXISTS " + db);
                }
            }
        }
    }

    /** Reading, checksumming and splitting the files, without a database; best of 30 (a warm JIT). */
    private static void stages(PrintWriter out, Workload w) {
        long scan = Long.MAX_VALUE;
        long split = Long.MAX_VALUE;
        long raw = Long.MAX_VALUE;
        for (int i = 0; i < 30; i++) {
            long start = System.nanoTime();
            Discovery d = new DirectoryScan(DirectoryScan.DEFAULT_IGNORE, Map.of()).scan(List.of(w.cairnDir()));
            scan = Math.min(scan, System.nanoTime() - start);
            start = System.nanoTime();
            int n = 0;
            for (Migration m : d.migrations()) {
                n += SqlSplitter.split(m.up()).size();
            }
            split = Math.min(split, System.nanoTime() - start + (n == 0 ? 1 : 0));
            start = System.nanoTime();
            n = RawJdbc.readAll(w.cairnDir());
            raw = Math.min(raw, System.nanoTime() - start + (n == 0 ? 1 : 0));
        }
        out.printf("N=%d: DirectoryScan.scan (list, read, decode, checksum, conventions) %s; splitting every up script %s;"
                + " the raw bound's list, read and SHA-256 %s%n", w.size(), Report.ms(scan), Report.ms(split), Report.ms(raw));
    }

    private long run(String mode, String url, Workload w) throws Exception {
        DataSource ds = dataSource(url);
        long start = System.nanoTime();
        if (mode.equals("cairn")) {
            Cairn.configure().dataSource(ds).locations(w.cairnDir()).load().migrate();
        } else {
            RawJdbc.migrate(ds.getConnection(), w.cairnDir(), RawJdbc.Mode.WHOLE);
        }
        return System.nanoTime() - start;
    }

    private void print(PrintWriter out, String title, long total) {
        long inJdbc = calls.values().stream().mapToLong(v -> v[1]).sum();
        out.printf("%n%s: total %s; JDBC calls %s; in the JVM between calls %s%n", title, Report.ms(total),
                Report.ms(inJdbc), Report.ms(total - inJdbc));
        calls.entrySet().stream().sorted((x, y) -> Long.compare(y.getValue()[1], x.getValue()[1]))
                .forEach(e -> out.printf("  %-45s %7d calls %12s%n", e.getKey(), e.getValue()[0], Report.ms(e.getValue()[1])));
    }

    private DataSource dataSource(String url) {
        return (DataSource) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {DataSource.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getConnection" -> {
                        long start = System.nanoTime();
                        Connection c = DriverManager.getConnection(url);
                        record("DataSource.getConnection", start);
                        yield wrap(c, Connection.class);
                    }
                    case "getLogWriter" -> null;
                    case "getLoginTimeout" -> 0;
                    case "getParentLogger" -> Logger.getGlobal();
                    case "isWrapperFor" -> false;
                    case "toString" -> "profiled data source";
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    private <T> T wrap(T target, Class<T> type) {
        InvocationHandler h = (proxy, method, args) -> {
            long start = System.nanoTime();
            Object result;
            try {
                result = method.invoke(target, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            } finally {
                record(type.getSimpleName() + "." + method.getName(), start);
            }
            if (result instanceof PreparedStatement ps) {
                return wrap(ps, PreparedStatement.class);
            }
            if (result instanceof Statement s) {
                return wrap(s, Statement.class);
            }
            return result;
        };
        return type.cast(Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {type}, h));
    }

    private void record(String key, long start) {
        long[] v = calls.computeIfAbsent(key, k -> new long[2]);
        v[0]++;
        v[1] += System.nanoTime() - start;
    }

    private static void admin(String url, String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
