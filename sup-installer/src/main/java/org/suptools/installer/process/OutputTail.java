package org.suptools.installer.process;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.Consumer;

/**
 * Collects a process's output as lines: keeps only the last {@code maxChars} characters, and hands
 * each line to an optional listener as it arrives. Standard output and standard error each get
 * their own {@link #stream()}, so their lines interleave whole. Memory stays bounded however much
 * a process writes, with or without newlines.
 */
final class OutputTail {

    /** A line longer than this is handed on in pieces. */
    static final int MAX_LINE_BYTES = 8192;

    private final int maxChars;
    private final Consumer<String> listener;
    private final Deque<String> lines = new ArrayDeque<>();
    private int chars;
    private boolean closed;

    OutputTail(int maxChars, Consumer<String> listener) {
        if (maxChars < 1) {
            throw new IllegalArgumentException("maxChars: must be at least 1, was " + maxChars);
        }
        this.maxChars = maxChars;
        this.listener = listener;
    }

    /** A stream that splits what is written into lines for this tail. */
    LineStream stream() {
        return new LineStream();
    }

    synchronized void line(String line) {
        if (closed) {
            return;
        }
        lines.addLast(line);
        chars += line.length() + 1;
        while (chars - 1 > maxChars && lines.size() > 1) {
            chars -= lines.removeFirst().length() + 1;
        }
        if (chars - 1 > maxChars) {
            String only = lines.removeFirst();
            String end = only.substring(only.length() - maxChars);
            lines.addLast(end);
            chars = end.length() + 1;
        }
        if (listener != null) {
            try {
                listener.accept(line);
            } catch (RuntimeException e) {
                // A progress listener must not break the command it listens to.
            }
        }
    }

    /** Stops taking lines: output that still arrives (from a process that outlived us) is dropped. */
    synchronized void close() {
        closed = true;
    }

    /** The kept lines, joined by {@code \n}; at most {@code maxChars} characters. */
    synchronized String text() {
        return String.join("\n", lines);
    }

    final class LineStream extends OutputStream {

        private final ByteArrayOutputStream pending = new ByteArrayOutputStream(256);

        @Override
        public synchronized void write(int b) {
            if (b == '\n') {
                emit();
            } else {
                pending.write(b);
                if (pending.size() >= MAX_LINE_BYTES) {
                    emit();
                }
            }
        }

        @Override
        public synchronized void write(byte[] bytes, int offset, int length) {
            for (int i = offset; i < offset + length; i++) {
                write(bytes[i]);
            }
        }

        /** Hands on a last line that had no newline. */
        synchronized void finish() {
            if (pending.size() > 0) {
                emit();
            }
        }

        private void emit() {
            String text = pending.toString(StandardCharsets.UTF_8);
            pending.reset();
            line(text.endsWith("\r") ? text.substring(0, text.length() - 1) : text);
        }
    }
}
