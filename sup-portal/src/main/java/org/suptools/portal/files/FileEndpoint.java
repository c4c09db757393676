package org.suptools.portal.files;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;

/**
 * {@code GET} and {@code HEAD} of {@code /file/<fileId>}: {@code 200} with the whole file, {@code 206}
 * with one range ({@code bytes=N-M}, open-ended {@code bytes=N-}, suffix {@code bytes=-N}), {@code 416}
 * with {@code Content-Range: bytes *}{@code /size} for a range past the end, {@code 404} for an id that
 * is unknown, used or expired. A GET takes the id before it sends a byte; a HEAD does not. Every answer
 * carries a strong {@code ETag} and {@code Last-Modified} ({@link FileValidator}); a range with an {@code
 * If-Range} that no longer names the file's bytes is ignored and the whole file sent with {@code 200}
 * (RFC 9110, section 13.1.5), so a resumed download never mixes two uploads. The bytes are streamed from
 * the file in 64 KiB chunks, never held whole in memory.
 */
public final class FileEndpoint implements HttpHandler {

    /** The path prefix the endpoint is mounted on. */
    public static final String PATH = "/file/";

    private static final Logger LOG = Logger.getLogger(FileEndpoint.class.getName());
    private static final int CHUNK = 64 * 1024;

    private final FileIds ids;
    private final Set<Fault> faults;
    private final long slowRate;
    private final Set<String> truncatedOnce = ConcurrentHashMap.newKeySet();
    private final Set<String> damagedOnce = ConcurrentHashMap.newKeySet();

    /**
     * @param faults the download faults to inject
     * @param slowRate bytes a second under {@link Fault#SLOW_DOWNLOAD}
     */
    public FileEndpoint(FileIds ids, Set<Fault> faults, long slowRate) {
        this.ids = ids;
        this.faults = Set.copyOf(faults);
        if (slowRate < 1) {
            throw new IllegalArgumentException("--slow-rate: must be at least 1 byte a second, was " + slowRate);
        }
        this.slowRate = slowRate;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            boolean head = method.equals("HEAD");
            if (!head && !method.equals("GET")) {
                exchange.getResponseHeaders().set("Allow", "GET, HEAD");
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            String id = exchange.getRequestURI().getPath().substring(PATH.length());
            Optional<FileIds.Download> download = head ? ids.peek(id) : ids.claim(id);
            if (download.isEmpty()) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            serve(exchange, download.get(), head);
        }
    }

    /**
     * Answers a GET or HEAD with the file's bytes: the whole file, one range, or 416, streamed, with the
     * faults this endpoint injects. For other handlers that serve a file they have authorised themselves.
     */
    public void serve(HttpExchange exchange, FileIds.Download file, boolean head) throws IOException {
        long size = file.size();
        FileChannel channel;
        FileValidator validator;
        try {
            channel = FileChannel.open(file.bytes(), StandardOpenOption.READ);
            validator = FileValidator.of(file.bytes(), size);
        } catch (NoSuchFileException e) {
            // The file was replaced by a new upload after its id was issued.
            exchange.sendResponseHeaders(404, -1);
            return;
        }
        try (channel) {
            var headers = exchange.getResponseHeaders();
            headers.set("Accept-Ranges", "bytes");
            headers.set("ETag", validator.etag());
            headers.set("Last-Modified", validator.lastModifiedHeader());
            String ifRange = exchange.getRequestHeaders().getFirst("If-Range");
            String rangeHeader = exchange.getRequestHeaders().getFirst("Range");
            if (ifRange != null && rangeHeader != null && !validator.matchesIfRange(ifRange)) {
                // RFC 9110, 13.1.5: the bytes changed since the client's part; the range is ignored, the
                // whole new file is sent, and the client starts again instead of mixing two files.
                rangeHeader = null;
            }
            ByteRange range = ByteRange.parse(rangeHeader, size);
            if (range instanceof ByteRange.Unsatisfiable) {
                headers.set("Content-Range", "bytes */" + size);
                exchange.sendResponseHeaders(416, -1);
                return;
            }
            long first = range instanceof ByteRange.Part part ? part.first() : 0;
            long length = range instanceof ByteRange.Part part ? part.length() : size;
            headers.set("Content-Type", "application/octet-stream");
            if (range instanceof ByteRange.Part part) {
                headers.set("Content-Range", "bytes " + part.first() + "-" + part.last() + "/" + size);
            }
            int status = range instanceof ByteRange.Part ? 206 : 200;
            if (head) {
                headers.set("Content-Length", Long.toString(length));
                exchange.sendResponseHeaders(status, -1);
                return;
            }
            // Length 0 would mean "chunked" to HttpServer; an empty body is -1.
            exchange.sendResponseHeaders(status, length == 0 ? -1 : length);
            long stopAt = length;
            if (faults.contains(Fault.TRUNCATE_DOWNLOAD) && truncatedOnce.add(file.name())) {
                stopAt = length / 2;
                LOG.info(() -> "fault truncate-download: " + file.name() + " stops after " + (length / 2) + " bytes");
            }
            boolean damaged = faults.contains(Fault.CORRUPT_DOWNLOAD)
                    || faults.contains(Fault.DAMAGE_FIRST_DOWNLOAD) && damagedOnce.add(file.name());
            copy(channel, first, stopAt, damaged ? size / 2 : -1, exchange.getResponseBody());
        }
    }

    /** Sends {@code count} bytes from {@code first}, the byte at {@code corruptAt} (if it is among them) flipped. */
    private void copy(FileChannel channel, long first, long count, long corruptAt, OutputStream out) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(CHUNK);
        long position = first;
        long end = first + count;
        long started = System.nanoTime();
        while (position < end) {
            buffer.clear().limit((int) Math.min(CHUNK, end - position));
            int n = channel.read(buffer, position);
            if (n < 0) {
                throw new IOException("the file ended before its size");
            }
            if (corruptAt >= position && corruptAt < position + n) {
                int at = (int) (corruptAt - position);
                buffer.put(at, (byte) (buffer.get(at) ^ 0xFF));
            }
            out.write(buffer.array(), 0, n);
            position += n;
            if (faults.contains(Fault.SLOW_DOWNLOAD)) {
                throttle(started, position - first);
            }
        }
        out.flush();
    }

    /** Sleeps until {@code sent} bytes are no faster than the slow rate: the fault's whole point is to take time. */
    private void throttle(long started, long sent) throws IOException {
        long dueNanos = sent * 1_000_000_000L / slowRate;
        long ahead = dueNanos - (System.nanoTime() - started);
        if (ahead > 0) {
            try {
                Thread.sleep(ahead / 1_000_000, (int) (ahead % 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            }
        }
    }
}
