package org.suptools.agent.download;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLContext;

/**
 * The portal's file endpoint: {@code GET <endpoint>/file/<fileId>}, with {@code Range: bytes=N-}
 * to go on from byte N, and {@code If-Range} with the {@code ETag} of the bytes already on disk, so a
 * file replaced in between comes whole ({@code 200}) instead of as the rest of other bytes. A read that stalls for {@code readTimeout} breaks off like a dropped
 * connection, so a download never hangs.
 */
public final class HttpFileSource implements FileSource {

    private static final Pattern STRONG_TAG = Pattern.compile("\"[\\x21\\x23-\\x7E]{0,200}\"");
    private static final Pattern CONTENT_RANGE = Pattern.compile("bytes (\\d+)-(\\d+)/(\\d+|\\*)");

    private final URI endpoint;
    private final Duration connectTimeout;
    private final Duration readTimeout;
    private final Optional<SSLContext> tls;

    public HttpFileSource(URI endpoint, Duration connectTimeout, Duration readTimeout, Optional<SSLContext> tls) {
        this.endpoint = endpoint;
        this.connectTimeout = connectTimeout;
        this.readTimeout = readTimeout;
        this.tls = tls;
    }

    @Override
    public Fetch open(String fileId, long offset, Optional<String> ifRange) throws IOException {
        String id = URLEncoder.encode(fileId, StandardCharsets.UTF_8).replace("+", "%20");
        URI uri = URI.create(endpoint + "/file/" + id);
        HttpURLConnection connection = (HttpURLConnection) uri.toURL().openConnection();
        if (connection instanceof HttpsURLConnection https && tls.isPresent()) {
            https.setSSLSocketFactory(tls.get().getSocketFactory());
        }
        connection.setConnectTimeout((int) connectTimeout.toMillis());
        connection.setReadTimeout((int) readTimeout.toMillis());
        // A portal may send the bytes from elsewhere (a storage service): follow it there.
        connection.setInstanceFollowRedirects(true);
        connection.setUseCaches(false);
        if (offset > 0) {
            connection.setRequestProperty("Range", "bytes=" + offset + "-");
            ifRange.ifPresent(tag -> connection.setRequestProperty("If-Range", tag));
        }
        int status = connection.getResponseCode();
        Optional<String> tag = strongTag(connection.getHeaderField("ETag"));
        if (status == 200) {
            long length = connection.getContentLengthLong();
            return new Fetch(200, 0, length < 0 ? OptionalLong.empty() : OptionalLong.of(length), tag,
                    connection.getInputStream());
        }
        if (status == 206) {
            Matcher range = CONTENT_RANGE.matcher(String.valueOf(connection.getHeaderField("Content-Range")));
            if (!range.matches()) {
                connection.disconnect();
                throw new IOException("a 206 answer without a usable Content-Range: "
                        + connection.getHeaderField("Content-Range"));
            }
            OptionalLong total = range.group(3).equals("*") ? OptionalLong.empty()
                    : OptionalLong.of(Long.parseLong(range.group(3)));
            return new Fetch(206, Long.parseLong(range.group(1)), total, tag, connection.getInputStream());
        }
        InputStream error = connection.getErrorStream();
        if (error != null) {
            error.close();
        }
        connection.disconnect();
        return new Fetch(status, 0, OptionalLong.empty(), Optional.empty(), InputStream.nullInputStream());
    }

    /**
     * A strong entity tag as it was sent, or empty: a weak tag ({@code W/"..."}) may not be used in
     * {@code If-Range} (RFC 9110, 13.1.5), and a malformed one names nothing.
     */
    static Optional<String> strongTag(String header) {
        if (header == null) {
            return Optional.empty();
        }
        String tag = header.strip();
        return STRONG_TAG.matcher(tag).matches() ? Optional.of(tag) : Optional.empty();
    }
}
