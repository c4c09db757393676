package org.suptools.tr50.http;

import com.sun.net.httpserver.Filter;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsExchange;
import java.io.FilterInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Bounded time for every client of a JDK {@code HttpServer} (or {@code HttpsServer}), which has
 * none of its own: a client that opens a connection and sends its request line and headers slowly
 * (slowloris), or its body slowly, or stops reading the answer, would hold a worker thread for ever.
 *
 * <p>The server runs each exchange on a thread of {@link #executor}; the guard notes when it began,
 * and {@link #filter} notes each read of the request body and each write of the response while it
 * blocks. {@link #sweep} drops (by interrupting the thread, which closes its socket channel) an
 * exchange whose TLS handshake, request line and headers take longer than {@link Limits#headers},
 * or one blocked in a single read or write longer than {@link Limits#stall}, or one whose body comes
 * slower than {@link Limits#minBytesPerSecond} once the stall allowance is spent. Time the handler
 * spends on its own work (an install it waits for between two lines) is not counted. The handler sees
 * a dropped client as an {@link IOException}, as it would a broken connection, and cleans up as it
 * does then.
 *
 * <p>The guard's clock is injected: {@link #started} sweeps every second on the system clock; a test
 * gives a fake clock and calls {@link #sweep} itself.
 */
public final class StallGuard implements AutoCloseable {

    /**
     * @param headers the most a client may take from its first byte to the end of its headers
     *     (TLS handshake included)
     * @param stall the most one read of the body, or one write of the answer, may block
     * @param minBytesPerSecond the slowest body taken once {@code stall} of blocked reading is spent
     */
    public record Limits(Duration headers, Duration stall, long minBytesPerSecond) {

        /** 30 s for the headers, 60 s for a stalled read or write, a body of at least 1 KiB/s. */
        public static final Limits DEFAULT = new Limits(Duration.ofSeconds(30), Duration.ofSeconds(60), 1024);

        public Limits {
            Objects.requireNonNull(headers, "headers");
            Objects.requireNonNull(stall, "stall");
            if (headers.isNegative() || headers.isZero() || stall.isNegative() || stall.isZero()) {
                throw new IllegalArgumentException("headers and stall: must be more than zero, were " + headers
                        + " and " + stall);
            }
            if (minBytesPerSecond < 0) {
                throw new IllegalArgumentException("minBytesPerSecond: must be 0 or more, was " + minBytesPerSecond);
            }
        }
    }

    /** Where an exchange stands, for a test that waits for a client to reach a point. */
    public enum Phase {
        /** The server is reading the request line and headers (or the TLS handshake). */
        HEADERS,
        /** The handler runs, blocked in no read or write of the client. */
        HANDLING,
        /** Blocked reading the request body. */
        READING,
        /**
         * Blocked writing the answer, its headers included: the server drains a body the handler left
         * unread before it sends headers that say there is no answer body.
         */
        WRITING
    }

    private final Limits limits;
    private final Clock clock;
    private final Set<Exchange> active = ConcurrentHashMap.newKeySet();
    private final ThreadLocal<Exchange> current = new ThreadLocal<>();
    private final AtomicLong dropped = new AtomicLong();
    private final ScheduledExecutorService sweeper;

    /** A guard that sweeps only when {@link #sweep} is called (a test's, on its fake clock). */
    public StallGuard(Limits limits, Clock clock) {
        this(limits, clock, null);
    }

    private StallGuard(Limits limits, Clock clock, ScheduledExecutorService sweeper) {
        this.limits = Objects.requireNonNull(limits, "limits");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.sweeper = sweeper;
    }

    /** A guard on the system clock that sweeps every second on a daemon thread of its own. */
    public static StallGuard started(Limits limits, String threadName) {
        ScheduledExecutorService sweeper = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, threadName);
            thread.setDaemon(true);
            return thread;
        });
        StallGuard guard = new StallGuard(limits, Clock.systemUTC(), sweeper);
        sweeper.scheduleAtFixedRate(guard::sweep, 1, 1, TimeUnit.SECONDS);
        return guard;
    }

    public Limits limits() {
        return limits;
    }

    /** The executor to give the server: each exchange runs on {@code workers}, watched from its start. */
    public Executor executor(Executor workers) {
        return task -> workers.execute(() -> watch(task));
    }

    /** The filter to add to each of the server's contexts: it watches the body's reads and the answer's writes. */
    public Filter filter() {
        return new Filter() {
            @Override
            public void doFilter(HttpExchange exchange, Chain chain) throws IOException {
                Exchange watched = current.get();
                if (watched == null) {
                    chain.doFilter(exchange);
                    return;
                }
                watched.handling();
                GuardedInput body = new GuardedInput(exchange.getRequestBody(), watched);
                exchange.setStreams(body, new GuardedOutput(exchange.getResponseBody(), watched));
                // The server drains a body the handler left unread when the exchange closes: that read is watched too.
                chain.doFilter(exchange instanceof HttpsExchange https ? new DrainingHttpsExchange(https, body)
                        : new DrainingExchange(exchange, body));
            }

            @Override
            public String description() {
                return "drops a client that stalls";
            }
        };
    }

    /** Drops every exchange past its limits, as of the clock's now; returns how many it dropped. */
    public int sweep() {
        Instant now = clock.instant();
        int count = 0;
        for (Exchange exchange : active) {
            if (exchange.dropIfLate(now, limits)) {
                count++;
            }
        }
        dropped.addAndGet(count);
        return count;
    }

    /** How many exchanges were dropped since the start. */
    public long dropped() {
        return dropped.get();
    }

    /** The phases of the exchanges running now. */
    public List<Phase> phases() {
        return active.stream().map(Exchange::phase).toList();
    }

    /** The body bytes read so far by the exchanges running now. */
    public long bodyBytesRead() {
        return active.stream().mapToLong(Exchange::bodyBytes).sum();
    }

    private void watch(Runnable task) {
        Exchange exchange = new Exchange(Thread.currentThread(), clock.instant());
        current.set(exchange);
        active.add(exchange);
        try {
            task.run();
        } finally {
            exchange.end();
            active.remove(exchange);
            current.remove();
            // A drop that came as the exchange ended must not reach the worker's next task.
            Thread.interrupted();
        }
    }

    /** One exchange on one worker thread; every change of state under its own lock, so a drop never hits a later task. */
    private final class Exchange {

        private final Thread thread;
        private final Instant began;
        private Phase phase = Phase.HEADERS;
        private Instant blockedSince;
        private Duration readBlocked = Duration.ZERO;
        private long readBytes;
        private boolean late;
        private boolean ended;

        Exchange(Thread thread, Instant began) {
            this.thread = thread;
            this.began = began;
        }

        synchronized Phase phase() {
            return phase;
        }

        synchronized long bodyBytes() {
            return readBytes;
        }

        synchronized void handling() throws IOException {
            failIfLate();
            phase = Phase.HANDLING;
        }

        synchronized void blocking(Phase io) throws IOException {
            failIfLate();
            phase = io;
            blockedSince = clock.instant();
        }

        synchronized void unblocked(long bytes) throws IOException {
            if (phase == Phase.READING) {
                readBlocked = readBlocked.plus(Duration.between(blockedSince, clock.instant()));
                readBytes += Math.max(0, bytes);
            }
            phase = Phase.HANDLING;
            blockedSince = null;
            failIfLate();
        }

        synchronized void end() {
            ended = true;
        }

        synchronized boolean dropIfLate(Instant now, Limits limits) {
            if (ended) {
                return false;
            }
            if (late) {
                // Dropped before and still running: it may block again (the server drains what is left of
                // the body on a socket the first interrupt did not reach), so it is interrupted again.
                thread.interrupt();
                return false;
            }
            boolean over = switch (phase) {
                case HEADERS -> Duration.between(began, now).compareTo(limits.headers()) > 0;
                case HANDLING -> false;
                case WRITING -> Duration.between(blockedSince, now).compareTo(limits.stall()) > 0;
                case READING -> Duration.between(blockedSince, now).compareTo(limits.stall()) > 0
                        || tooSlow(readBlocked.plus(Duration.between(blockedSince, now)), limits);
            };
            if (over) {
                late = true;
                thread.interrupt();
            }
            return over;
        }

        private boolean tooSlow(Duration blocked, Limits limits) {
            Duration counted = blocked.minus(limits.stall());
            return !counted.isNegative() && readBytes < counted.toMillis() * limits.minBytesPerSecond() / 1000;
        }

        /** After a drop: the handler goes on as after a broken connection, its thread no longer interrupted. */
        private void failIfLate() throws IOException {
            if (late) {
                Thread.interrupted();
                throw new InterruptedIOException("the client was too slow: dropped after "
                        + (phase == Phase.WRITING ? "a write blocked for more than " + limits.stall().toSeconds() + " s"
                        : "its request took longer than the limits allow (headers "
                                + limits.headers().toSeconds() + " s, a stalled read " + limits.stall().toSeconds()
                                + " s, at least " + limits.minBytesPerSecond() + " bytes/s)"));
            }
        }
    }

    private static final class GuardedInput extends FilterInputStream {

        private final Exchange exchange;

        GuardedInput(InputStream in, Exchange exchange) {
            super(in);
            this.exchange = exchange;
        }

        @Override
        public int read() throws IOException {
            exchange.blocking(Phase.READING);
            int b = -1;
            try {
                b = super.read();
                return b;
            } finally {
                exchange.unblocked(b < 0 ? 0 : 1);
            }
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            exchange.blocking(Phase.READING);
            int n = -1;
            try {
                n = in.read(buffer, offset, length);
                return n;
            } finally {
                exchange.unblocked(n);
            }
        }

        @Override
        public void close() throws IOException {
            exchange.blocking(Phase.READING);
            try {
                in.close();
            } finally {
                exchange.unblocked(0);
            }
        }
    }

    private static void sendWatched(GuardedInput body, HttpExchange exchange, int code, long length)
            throws IOException {
        body.exchange.blocking(Phase.WRITING);
        try {
            exchange.sendResponseHeaders(code, length);
        } finally {
            body.exchange.unblocked(0);
        }
    }

    /** Closing the body drains what is left of it: a read like the others. */
    private static void closeWatched(GuardedInput body, HttpExchange exchange) {
        try {
            body.close();
        } catch (IOException e) {
            // A broken or dropped client: the exchange's own close ends the connection.
        } finally {
            exchange.close();
        }
    }

    private static final class DrainingExchange extends DelegatingExchange {

        private final GuardedInput body;

        DrainingExchange(HttpExchange exchange, GuardedInput body) {
            super(exchange);
            this.body = body;
        }

        @Override
        public void sendResponseHeaders(int code, long length) throws IOException {
            sendWatched(body, exchange, code, length);
        }

        @Override
        public void close() {
            closeWatched(body, exchange);
        }
    }

    private static final class DrainingHttpsExchange extends DelegatingHttpsExchange {

        private final GuardedInput body;

        DrainingHttpsExchange(HttpsExchange exchange, GuardedInput body) {
            super(exchange);
            this.body = body;
        }

        @Override
        public void sendResponseHeaders(int code, long length) throws IOException {
            sendWatched(body, exchange, code, length);
        }

        @Override
        public void close() {
            closeWatched(body, exchange);
        }
    }

    private static final class GuardedOutput extends FilterOutputStream {

        private final Exchange exchange;

        GuardedOutput(OutputStream out, Exchange exchange) {
            super(out);
            this.exchange = exchange;
        }

        @Override
        public void write(int b) throws IOException {
            exchange.blocking(Phase.WRITING);
            try {
                out.write(b);
            } finally {
                exchange.unblocked(0);
            }
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            exchange.blocking(Phase.WRITING);
            try {
                out.write(bytes, offset, length);
            } finally {
                exchange.unblocked(0);
            }
        }

        @Override
        public void flush() throws IOException {
            exchange.blocking(Phase.WRITING);
            try {
                out.flush();
            } finally {
                exchange.unblocked(0);
            }
        }
    }

    @Override
    public void close() {
        if (sweeper != null) {
            sweeper.shutdownNow();
        }
    }
}
