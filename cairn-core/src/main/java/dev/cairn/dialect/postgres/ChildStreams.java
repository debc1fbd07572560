package dev.cairn.dialect.postgres;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** The threads that move a child process's standard streams while it runs. */
final class ChildStreams {

    private ChildStreams() {
    }

    /** Reads a child's standard error into memory. */
    static final class Drain extends Thread {
        private final InputStream from;
        private final Tail tail;

        Drain(InputStream from, int limit) {
            super("cairn-pg-tool-stderr");
            setDaemon(true);
            this.from = from;
            this.tail = new Tail(limit);
            start();
        }

        @Override
        public void run() {
            try {
                from.transferTo(tail);
            } catch (IOException e) {
                // The child is gone; what was read is all there is.
            }
        }

        String text() {
            return tail.text();
        }
    }

    /** Copies a stream into a child's standard input; a read failure kills the child first. */
    static final class Feed extends Thread {
        private final InputStream from;
        private final Process process;
        private volatile IOException failure;

        Feed(InputStream from, Process process) {
            super("cairn-pg-tool-stdin");
            setDaemon(true);
            this.from = from;
            this.process = process;
            start();
        }

        @Override
        public void run() {
            OutputStream to = process.getOutputStream();
            byte[] buffer = new byte[64 * 1024];
            try {
                int n;
                while ((n = read(buffer)) >= 0) {
                    to.write(buffer, 0, n);
                }
                to.close();
            } catch (IOException e) {
                // The child closed its input: it stopped on an error its exit code and stderr tell.
            }
        }

        /** Why reading the input failed; null when it did not. */
        IOException failure() {
            return failure;
        }

        private int read(byte[] buffer) throws IOException {
            try {
                return from.read(buffer);
            } catch (IOException e) {
                failure = e;
                process.destroyForcibly();
                throw e;
            }
        }
    }

    /** Keeps the last {@code limit} bytes written: the end of a long error output is where the cause is. */
    private static final class Tail extends OutputStream {
        private final int limit;
        private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        private boolean cut;

        Tail(int limit) {
            this.limit = limit;
        }

        @Override
        public synchronized void write(int b) {
            buffer.write(b);
            trim();
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) {
            buffer.write(b, off, len);
            trim();
        }

        private void trim() {
            if (buffer.size() > 2 * limit) {
                byte[] all = buffer.toByteArray();
                buffer.reset();
                buffer.write(all, all.length - limit, limit);
                cut = true;
            }
        }

        synchronized String text() {
            String s = buffer.toString(StandardCharsets.UTF_8);
            return cut ? "…" + s : s;
        }
    }
}
