package org.suptools.portal.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.zip.CRC32;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.suptools.portal.MutableClock;

class FileEndpointTest {

    private static final int SIZE = 200_000;

    @TempDir
    Path dir;

    private final MutableClock clock = MutableClock.startingAt("2026-03-01T10:00:00Z");
    private final FileIds ids = new FileIds(clock, FileIds.DEFAULT_LIFETIME);
    private final HttpClient client = HttpClient.newHttpClient();
    private HttpServer server;
    private byte[] content;
    private FileIds.Download file;

    @BeforeEach
    void aFile() throws IOException {
        content = new byte[SIZE];
        for (int i = 0; i < SIZE; i++) {
            content[i] = (byte) (i * 31 + i / 256);
        }
        file = new FileIds.Download("acme.sup", Files.write(dir.resolve("blob"), content), SIZE);
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    private void serve(Set<Fault> faults) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext(FileEndpoint.PATH, new FileEndpoint(ids, faults, 1 << 30));
        server.start();
    }

    private HttpResponse<byte[]> get(String id, String range) throws Exception {
        return get(id, range, null);
    }

    private HttpResponse<byte[]> get(String id, String range, String ifRange) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(id)).timeout(Duration.ofSeconds(10));
        if (range != null) {
            request.header("Range", range);
        }
        if (ifRange != null) {
            request.header("If-Range", ifRange);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private URI uri(String id) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + FileEndpoint.PATH + id);
    }

    @Test
    void get_sendsTheWholeFileOnceThen404() throws Exception {
        serve(Set.of());
        String id = ids.issue(file);

        HttpResponse<byte[]> first = get(id, null);
        HttpResponse<byte[]> second = get(id, null);

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.body()).isEqualTo(content);
        assertThat(first.headers().firstValue("Accept-Ranges")).contains("bytes");
        assertThat(second.statusCode()).isEqualTo(404);
    }

    @Test
    void get_withAnOpenEndedRangeResumesWhereTheDownloadStopped() throws Exception {
        serve(Set.of());

        HttpResponse<byte[]> response = get(ids.issue(file), "bytes=150000-");

        assertThat(response.statusCode()).isEqualTo(206);
        assertThat(response.headers().firstValue("Content-Range")).contains("bytes 150000-199999/200000");
        assertThat(response.headers().firstValue("Content-Length")).contains("50000");
        assertThat(response.body()).isEqualTo(Arrays.copyOfRange(content, 150_000, SIZE));
    }

    @Test
    void get_withABoundedOrSuffixRangeSendsJustThoseBytes() throws Exception {
        serve(Set.of());

        HttpResponse<byte[]> middle = get(ids.issue(file), "bytes=10-19");
        HttpResponse<byte[]> tail = get(ids.issue(file), "bytes=-7");

        assertThat(middle.body()).isEqualTo(Arrays.copyOfRange(content, 10, 20));
        assertThat(tail.statusCode()).isEqualTo(206);
        assertThat(tail.headers().firstValue("Content-Range")).contains("bytes 199993-199999/200000");
        assertThat(tail.body()).isEqualTo(Arrays.copyOfRange(content, SIZE - 7, SIZE));
    }

    @Test
    void get_withARangePastTheEndIs416WithTheSize() throws Exception {
        serve(Set.of());

        HttpResponse<byte[]> response = get(ids.issue(file), "bytes=200000-");

        assertThat(response.statusCode()).isEqualTo(416);
        assertThat(response.headers().firstValue("Content-Range")).contains("bytes */200000");
        assertThat(response.body()).isEmpty();
    }

    @Test
    void head_tellsTheSizeWithoutABodyAndLeavesTheIdForTheGet() throws Exception {
        serve(Set.of());
        String id = ids.issue(file);

        HttpResponse<byte[]> head = client.send(HttpRequest.newBuilder(uri(id))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofByteArray());
        HttpResponse<byte[]> headRange = client.send(HttpRequest.newBuilder(uri(id)).header("Range", "bytes=100-")
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofByteArray());

        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.headers().firstValue("Content-Length")).contains("200000");
        assertThat(head.body()).isEmpty();
        assertThat(headRange.statusCode()).isEqualTo(206);
        assertThat(headRange.headers().firstValue("Content-Length")).contains("199900");
        assertThat(get(id, null).body()).isEqualTo(content);
    }

    @Test
    void get_ofAnExpiredOrUnknownIdIs404() throws Exception {
        serve(Set.of());
        String id = ids.issue(file);
        clock.advance(FileIds.DEFAULT_LIFETIME);

        assertThat(get(id, null).statusCode()).isEqualTo(404);
        assertThat(get("0123456789abcdef0123456789abcdef", null).statusCode()).isEqualTo(404);
        assertThat(get("../../etc/passwd", null).statusCode()).isEqualTo(404);
    }

    @Test
    void otherMethodsAre405() throws Exception {
        serve(Set.of());

        HttpResponse<byte[]> response = client.send(HttpRequest.newBuilder(uri(ids.issue(file)))
                .POST(HttpRequest.BodyPublishers.ofString("x")).build(), HttpResponse.BodyHandlers.ofByteArray());

        assertThat(response.statusCode()).isEqualTo(405);
        assertThat(response.headers().firstValue("Allow")).contains("GET, HEAD");
    }

    @Test
    void faultTruncateDownload_cutsTheFirstDownloadOfAFileShortAndTheNextOneIsWhole() throws Exception {
        serve(EnumSet.of(Fault.TRUNCATE_DOWNLOAD));

        assertThatThrownBy(() -> get(ids.issue(file), null)).isInstanceOf(IOException.class);
        assertThat(get(ids.issue(file), null).body()).isEqualTo(content);
    }

    @Test
    void faultCorruptDownload_keepsTheSizeButNotTheCrc() throws Exception {
        serve(EnumSet.of(Fault.CORRUPT_DOWNLOAD));

        byte[] body = get(ids.issue(file), null).body();
        byte[] tail = get(ids.issue(file), "bytes=100000-").body();

        assertThat(body).hasSize(SIZE);
        assertThat(crc(body)).isNotEqualTo(crc(content));
        assertThat(tail[0]).isEqualTo((byte) ~content[100_000]);
    }

    @Test
    void faultDamageFirstDownload_flipsTheMiddleByteOfTheFirstDownloadOnly() throws Exception {
        serve(EnumSet.of(Fault.DAMAGE_FIRST_DOWNLOAD));

        byte[] first = get(ids.issue(file), null).body();
        byte[] second = get(ids.issue(file), null).body();

        assertThat(first).hasSize(SIZE);
        assertThat(first[SIZE / 2]).isEqualTo((byte) ~content[SIZE / 2]);
        assertThat(second).isEqualTo(content);
    }

    @Test
    void everyAnswer_namesTheBytesWithAStrongETagAndLastModified() throws Exception {
        serve(Set.of());
        Files.setLastModifiedTime(file.bytes(), FileTime.from(Instant.parse("2026-02-27T08:15:30.250Z")));

        HttpResponse<byte[]> whole = get(ids.issue(file), null);
        HttpResponse<byte[]> part = get(ids.issue(file), "bytes=10-");
        HttpResponse<byte[]> past = get(ids.issue(file), "bytes=300000-");

        for (HttpResponse<byte[]> response : List.of(whole, part, past)) {
            assertThat(response.headers().firstValue("ETag")).as("status " + response.statusCode())
                    .hasValueSatisfying(tag -> assertThat(tag).matches("\"[^\"]+\"").doesNotStartWith("W/"));
            assertThat(response.headers().firstValue("Last-Modified")).contains("Fri, 27 Feb 2026 08:15:30 GMT");
        }
        assertThat(part.headers().firstValue("ETag")).isEqualTo(whole.headers().firstValue("ETag"));
    }

    @Test
    void get_withAnIfRangeThatStillMatches_resumesWith206() throws Exception {
        serve(Set.of());
        HttpResponse<byte[]> first = get(ids.issue(file), "bytes=0-99");
        String etag = first.headers().firstValue("ETag").orElseThrow();
        String lastModified = first.headers().firstValue("Last-Modified").orElseThrow();

        HttpResponse<byte[]> byTag = get(ids.issue(file), "bytes=150000-", etag);
        HttpResponse<byte[]> byDate = get(ids.issue(file), "bytes=150000-", lastModified);

        for (HttpResponse<byte[]> response : List.of(byTag, byDate)) {
            assertThat(response.statusCode()).isEqualTo(206);
            assertThat(response.headers().firstValue("Content-Range")).contains("bytes 150000-199999/200000");
            assertThat(response.body()).isEqualTo(Arrays.copyOfRange(content, 150_000, SIZE));
        }
    }

    @Test
    void get_ofAFileReplacedSinceThePart_sendsTheNewFileWholeWith200() throws Exception {
        serve(Set.of());
        String oldTag = get(ids.issue(file), "bytes=0-149999").headers().firstValue("ETag").orElseThrow();
        // A new upload under the same name: new bytes of the same size, in a new blob.
        byte[] replaced = content.clone();
        replaced[7] ^= 1;
        FileIds.Download upload = new FileIds.Download("acme.sup", Files.write(dir.resolve("blob-2"), replaced), SIZE);

        HttpResponse<byte[]> resumed = get(ids.issue(upload), "bytes=150000-", oldTag);

        assertThat(resumed.statusCode()).isEqualTo(200);
        assertThat(resumed.headers().firstValue("Content-Range")).isEmpty();
        assertThat(resumed.headers().firstValue("ETag")).isPresent().isNotEqualTo(Optional.of(oldTag));
        assertThat(resumed.body()).isEqualTo(replaced);
    }

    @Test
    void get_withAWeakOrUnreadableIfRange_sendsTheWholeFile_evenForARangePastTheEnd() throws Exception {
        serve(Set.of());
        String etag = get(ids.issue(file), "bytes=0-0").headers().firstValue("ETag").orElseThrow();

        HttpResponse<byte[]> weak = get(ids.issue(file), "bytes=100-", "W/" + etag);
        HttpResponse<byte[]> garbled = get(ids.issue(file), "bytes=100-", "yesterday");
        HttpResponse<byte[]> oldDate = get(ids.issue(file), "bytes=100-", "Thu, 01 Jan 2026 00:00:00 GMT");
        HttpResponse<byte[]> pastTheEnd = get(ids.issue(file), "bytes=900000-", "\"other\"");

        for (HttpResponse<byte[]> response : List.of(weak, garbled, oldDate, pastTheEnd)) {
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).isEqualTo(content);
        }
    }

    @Test
    void head_answersIfRangeAsTheGetWould() throws Exception {
        serve(Set.of());
        String id = ids.issue(file);

        HttpResponse<byte[]> changed = client.send(HttpRequest.newBuilder(uri(id)).header("Range", "bytes=100-")
                .header("If-Range", "\"other\"").method("HEAD", HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofByteArray());

        assertThat(changed.statusCode()).isEqualTo(200);
        assertThat(changed.headers().firstValue("Content-Length")).contains("200000");
    }

    private static long crc(byte[] bytes) {
        CRC32 crc = new CRC32();
        crc.update(bytes);
        return crc.getValue();
    }
}
