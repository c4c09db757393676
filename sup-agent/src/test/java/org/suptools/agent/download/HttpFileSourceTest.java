package org.suptools.agent.download;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HttpFileSourceTest {

    private final byte[] content = "0123456789abcdef".getBytes();
    private final List<String> ranges = new ArrayList<>();
    private final List<String> ifRanges = new ArrayList<>();
    private String etag = "\"blob-1\"";
    private final List<String> paths = new ArrayList<>();
    private HttpServer server;
    private HttpFileSource source;

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/file/", exchange -> {
            paths.add(exchange.getRequestURI().getRawPath());
            String range = exchange.getRequestHeaders().getFirst("Range");
            ranges.add(range);
            String ifRange = exchange.getRequestHeaders().getFirst("If-Range");
            ifRanges.add(ifRange);
            exchange.getResponseHeaders().add("ETag", etag);
            if (ifRange != null && !ifRange.equals(etag)) {
                range = null;
            }
            if (exchange.getRequestURI().getPath().endsWith("/gone")) {
                exchange.sendResponseHeaders(404, -1);
                exchange.close();
                return;
            }
            int start = range == null ? 0 : Integer.parseInt(range.replaceAll("[^0-9]", ""));
            if (range != null) {
                exchange.getResponseHeaders().add("Content-Range", "bytes " + start + "-15/16");
            }
            exchange.sendResponseHeaders(range == null ? 200 : 206, content.length - start);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(content, start, content.length - start);
            }
        });
        server.start();
        source = new HttpFileSource(URI.create("http://127.0.0.1:" + server.getAddress().getPort()),
                Duration.ofSeconds(5), Duration.ofSeconds(5), Optional.empty());
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void open_fromTheStartIsAPlainGet() throws Exception {
        try (FileSource.Fetch fetch = source.open("f1", 0, Optional.empty())) {
            assertThat(fetch.status()).isEqualTo(200);
            assertThat(fetch.total()).hasValue(16);
            assertThat(fetch.body().readAllBytes()).isEqualTo(content);
        }
        assertThat(ranges).containsExactly((String) null);
    }

    @Test
    void open_fromAnOffsetAsksForTheRestAndReadsWhereItStarts() throws Exception {
        try (FileSource.Fetch fetch = source.open("f1", 10, Optional.empty())) {
            assertThat(fetch.status()).isEqualTo(206);
            assertThat(fetch.start()).isEqualTo(10);
            assertThat(fetch.total()).hasValue(16);
            assertThat(new String(fetch.body().readAllBytes())).isEqualTo("abcdef");
        }
        assertThat(ranges).containsExactly("bytes=10-");
    }

    @Test
    void open_passesAnErrorStatusOnAndEncodesTheId() throws Exception {
        try (FileSource.Fetch fetch = source.open("gone", 0, Optional.empty())) {
            assertThat(fetch.status()).isEqualTo(404);
        }
        source.open("a/../b c", 0, Optional.empty()).close();

        assertThat(paths).containsExactly("/file/gone", "/file/a%2F..%2Fb%20c");
    }

    @Test
    void open_resumingSendsIfRangeAndReadsTheTag() throws Exception {
        try (FileSource.Fetch fetch = source.open("f1", 10, Optional.of("\"blob-1\""))) {
            assertThat(fetch.status()).isEqualTo(206);
            assertThat(fetch.tag()).contains("\"blob-1\"");
            assertThat(new String(fetch.body().readAllBytes())).isEqualTo("abcdef");
        }
        try (FileSource.Fetch fetch = source.open("f1", 0, Optional.of("\"blob-1\""))) {
            assertThat(fetch.status()).isEqualTo(200);
        }

        assertThat(ifRanges).as("no If-Range without a Range").containsExactly("\"blob-1\"", null);
    }

    @Test
    void open_ofAReplacedFileGetsItWholeUnderItsNewTag() throws Exception {
        etag = "\"blob-2\"";

        try (FileSource.Fetch fetch = source.open("f1", 10, Optional.of("\"blob-1\""))) {
            assertThat(fetch.status()).isEqualTo(200);
            assertThat(fetch.start()).isZero();
            assertThat(fetch.tag()).contains("\"blob-2\"");
            assertThat(fetch.body().readAllBytes()).isEqualTo(content);
        }
    }

    @Test
    void strongTag_keepsOnlyATagIfRangeMayCarry() {
        assertThat(HttpFileSource.strongTag("\"abc-12\"")).contains("\"abc-12\"");
        assertThat(HttpFileSource.strongTag("W/\"abc\"")).isEmpty();
        assertThat(HttpFileSource.strongTag("abc")).isEmpty();
        assertThat(HttpFileSource.strongTag("\"a\"b\"")).isEmpty();
        assertThat(HttpFileSource.strongTag(null)).isEmpty();
    }
}
