package org.suptools.agent.manage;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.suptools.agent.store.AgentJson;
import org.suptools.agent.store.Durable;

/**
 * One manual run of the installer and its record on disk: {@code run.json} (what was asked),
 * {@code events.log} (every line the installer wrote, in order) and {@code end.json} (how it
 * ended). A client reads the lines from any point while the run goes on, and again after a lost
 * connection or a restart of the agent; lines are read from the file, never held in memory.
 */
final class ManualRun {

    static final String INFO = "run.json";
    static final String EVENTS = "events.log";
    static final String END = "end.json";
    /** A line longer than this (a runtime's output, never an event) is cut when it is streamed. */
    static final int MAX_LINE_BYTES = 64 * 1024;
    /** How long a reader waits for a line before it looks again; a guard, not a pace: lines wake it. */
    private static final long WAIT_MILLIS = 1000;

    /** Where the lines of a run go as they are read. */
    interface LineSink {
        void line(long number, String line) throws IOException;

        void end(RunEnd end) throws IOException;
    }

    private final Path dir;
    private final RunInfo info;
    private OutputStream events;
    private long committedBytes;
    private RunEnd end;

    private ManualRun(Path dir, RunInfo info, OutputStream events, long committedBytes, RunEnd end) {
        this.dir = dir;
        this.info = info;
        this.events = events;
        this.committedBytes = committedBytes;
        this.end = end;
    }

    /** A new run in {@code dir}, its record written before the installer starts. */
    static ManualRun begin(Path dir, RunInfo info) throws IOException {
        Durable.write(dir.resolve(INFO), AgentJson.bytes(info));
        OutputStream events = Files.newOutputStream(dir.resolve(EVENTS));
        return new ManualRun(dir, info, events, 0, null);
    }

    /**
     * A run recorded by an earlier start of the agent. One with no end was cut by the agent's own
     * stop: its end says so, and the installer's reports say what became of the install.
     */
    static ManualRun load(Path dir, Instant now) throws IOException {
        RunInfo info = AgentJson.mapper().readValue(dir.resolve(INFO).toFile(), RunInfo.class);
        Path events = dir.resolve(EVENTS);
        long length = Files.isRegularFile(events) ? Files.size(events) : 0;
        RunEnd end = Files.isRegularFile(dir.resolve(END))
                ? AgentJson.mapper().readValue(dir.resolve(END).toFile(), RunEnd.class)
                : new RunEnd(-1, "", "the agent stopped during this run; sup-installer status (or recover) on the "
                        + "gateway tells what became of the install", "", List.of(), now);
        return new ManualRun(dir, info, null, length, end);
    }

    RunInfo info() {
        return info;
    }

    Path dir() {
        return dir;
    }

    synchronized Optional<RunEnd> end() {
        return Optional.ofNullable(end);
    }

    /** Adds one line the installer wrote; wakes the readers. */
    synchronized void append(String line) throws IOException {
        byte[] bytes = (line.replace('\n', ' ') + "\n").getBytes(StandardCharsets.UTF_8);
        events.write(bytes);
        events.flush();
        committedBytes += bytes.length;
        notifyAll();
    }

    /** Records the end; wakes the readers, which then finish. */
    synchronized void finish(RunEnd runEnd) throws IOException {
        if (events != null) {
            events.close();
            events = null;
        }
        Durable.write(dir.resolve(END), AgentJson.bytes(runEnd));
        end = runEnd;
        notifyAll();
    }

    /**
     * Hands the lines from number {@code from} (0-based) on to {@code sink} as they come, then the
     * end; returns when the run has ended and every line was handed on. Throws what the sink throws
     * (a client gone), which leaves the run itself going.
     */
    void streamTo(long from, LineSink sink) throws IOException, InterruptedException {
        try (RandomAccessFile reader = new RandomAccessFile(dir.resolve(EVENTS).toFile(), "r")) {
            ByteArrayOutputStream pending = new ByteArrayOutputStream();
            byte[] buffer = new byte[16 * 1024];
            long number = 0;
            long read = 0;
            while (true) {
                long committed;
                RunEnd ended;
                synchronized (this) {
                    while (committedBytes == read && end == null) {
                        wait(WAIT_MILLIS);
                    }
                    committed = committedBytes;
                    ended = end;
                }
                while (read < committed) {
                    int n = reader.read(buffer, 0, (int) Math.min(buffer.length, committed - read));
                    if (n < 0) {
                        throw new IOException(dir.resolve(EVENTS) + " is shorter than its record says");
                    }
                    for (int i = 0; i < n; i++) {
                        if (buffer[i] == '\n') {
                            if (number >= from) {
                                sink.line(number, pending.toString(StandardCharsets.UTF_8));
                            }
                            number++;
                            pending.reset();
                        } else if (pending.size() < MAX_LINE_BYTES) {
                            pending.write(buffer[i]);
                        }
                    }
                    read += n;
                }
                if (ended != null && read == committed) {
                    sink.end(ended);
                    return;
                }
            }
        }
    }
}
