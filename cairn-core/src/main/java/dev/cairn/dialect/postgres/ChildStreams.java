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
