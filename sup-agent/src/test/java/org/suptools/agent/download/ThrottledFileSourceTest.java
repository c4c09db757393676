package org.suptools.agent.download;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.suptools.agent.config.Throttle;

/**
 * The download throttle over a real HTTP server in this process. The pauses go to a fake sleeper
 * that adds them to a clock instead of sleeping, and the throttle reads the time as the real
 * elapsed time plus the pauses taken: the rate is measured as bytes over (real time + pauses),
 * exactly what the gateway would see with a real sleeper, without waiting the minute it takes.
 */
class ThrottledFileSourceTest {

    private static final int SIZE = 4 * 1024 * 1024;

    private HttpServer server;
    private final AtomicLong slept = new AtomicLong();

    @BeforeEach
    void serve() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/file/", exchange -> {
            exchange.sendResponseHeaders(200, SIZE);
            byte[] block = new byte[64 * 1024];
            try (OutputStream out = exchange.getResponseBody()) {
                for (int sent = 0; sent < SIZE; sent += block.length) {
                    out.write(block);
                }
            }
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void rate_64KiBps_holdsWithin15PercentOverA4MiBDownload() throws Exception {
        long started = System.nanoTime();
        FileSource source = new ThrottledFileSource(http(), Throttle.rate(64 * 1024), this::sleep,
                () -> System.nanoTime() + slept.get());

        long bytes = readAll(source);
        double seconds = (System.nanoTime() - started + slept.get()) / 1e9;
        double rate = bytes / seconds;
        System.out.printf("throttle 64 KiB/s: %d bytes in %.2f s (%.2f s real, %.2f s paused): %.0f B/s, %.1f %% of "
                + "the target%n", bytes, seconds, (System.nanoTime() - started) / 1e9, slept.get() / 1e9, rate,
                rate * 100 / 65536);

        assertThat(bytes).isEqualTo(SIZE);
        assertThat(rate).isBetween(65536 * 0.85, 65536 * 1.15);
    }

    @Test
    void pause_10msPer4KiBRead_addsUpToTheSeedsDelay() throws Exception {
        FileSource source = new ThrottledFileSource(http(), Throttle.pause(Duration.ofMillis(10)), this::sleep,
                () -> System.nanoTime() + slept.get());

        long bytes = readAll(source);

        assertThat(bytes).isEqualTo(SIZE);
        assertThat(Duration.ofNanos(slept.get())).as("1024 reads of 4 KiB, 10 ms each")
                .isEqualTo(Duration.ofMillis(10 * 1024));
    }

    @Test
    void none_isTheSourceItself() {
        FileSource plain = http();
        assertThat(ThrottledFileSource.of(plain, Throttle.NONE)).isSameAs(plain);
    }

    private void sleep(Duration duration) {
        slept.addAndGet(duration.toNanos());
    }

    private FileSource http() {
        return new HttpFileSource(URI.create("http://127.0.0.1:" + server.getAddress().getPort()),
                Duration.ofSeconds(5), Duration.ofSeconds(5), Optional.empty());
    }

    private static long readAll(FileSource source) throws Exception {
        try (FileSource.Fetch fetch = source.open("f1", 0, Optional.empty()); InputStream in = fetch.body()) {
            byte[] buffer = new byte[64 * 1024];
            long total = 0;
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                assertThat(n).as("no read beyond 4 KiB").isLessThanOrEqualTo(4096);
                total += n;
            }
            return total;
        }
    }
}
