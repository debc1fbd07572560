package dev.cairn.cli;

import java.lang.management.ManagementFactory;
import java.text.NumberFormat;
import java.util.GregorianCalendar;

/**
 * Work the first database connection does in the JVM rather than on the wire, started on a second
 * thread while the command line is parsed: the JDBC driver's first connection builds a calendar
 * (locale data), a number format and the memory MXBean, ~100 ms in a cold JVM, all caches shared by
 * every thread. Nothing here touches a file, the network or any setting.
 */
final class Warmup {

    private Warmup() {
    }

    static void start() {
        Thread t = new Thread(Warmup::run, "cairn-warmup");
        t.setDaemon(true);
        t.start();
    }

    private static void run() {
        new GregorianCalendar();
        NumberFormat.getIntegerInstance();
        ManagementFactory.getMemoryMXBean();
    }
}
