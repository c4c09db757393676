package org.suptools.agent.ota;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLContext;
import org.suptools.agent.config.HttpBackendConfig;
import org.suptools.agent.download.FileSource;

/**
 * The three requests of the plain HTTP backend, each with the device's {@code User-Agent} and, when
 * configured, HTTP Basic credentials: the version check ({@code POST} of the current version), the
 * package ({@code GET}, with {@code Range} and {@code If-Range} to go on), the result ({@code POST}
 * to the notify URL). A read that stalls for {@code readTimeout} breaks off like a dropped connection.
 */
public final class BackendClient {

    private static final Pattern CONTENT_RANGE = Pattern.compile("bytes (\\d+)-(\\d+)/(\\d+|\\*)");
    private static final Pattern STRONG_TAG = Pattern.compile("\"[\\x21\\x23-\\x7E]{0,200}\"");

    private final HttpBackendConfig backend;
    private final Duration connectTimeout;
    private final Duration readTimeout;
    private final Optional<SSLContext> tls;

    public BackendClient(HttpBackendConfig backend, Duration connectTimeout, Duration readTimeout,
            Optional<SSLContext> tls) {
        this.backend = backend;
        this.connectTimeout = connectTimeout;
        this.readTimeout = readTimeout;
        this.tls = tls;
    }

    /**
     * Posts the current version and reads the answer.
     *
     * @throws IOException when the backend cannot be reached or answers other than 200
     * @throws VersionAnswer.BadAnswer when the 200 answer cannot be read
     */
    public VersionAnswer check(String currentVersion) throws IOException, VersionAnswer.BadAnswer {
        HttpURLConnection connection = open(backend.versionUrl(), "POST");
        connection.setRequestProperty("Content-Type", "text/plain; charset=utf-8");
        send(connection, currentVersion);
        int status = connection.getResponseCode();
        if (status != 200) {
            throw new IOException(backend.versionUrl() + " answered HTTP " + status + errorText(connection));
        }
        try (InputStream in = connection.getInputStream()) {
            return VersionAnswer.parse(in.readNBytes(VersionAnswer.MAX_BYTES + 1));
        }
    }

    /** Asks for the package from {@code offset} on, only if its bytes are still those tagged {@code ifRange}. */
    public FileSource.Fetch openPackage(long offset, Optional<String> ifRange) throws IOException {
        HttpURLConnection connection = open(backend.packageUri(), "GET");
        if (offset > 0) {
            connection.setRequestProperty("Range", "bytes=" + offset + "-");
            ifRange.ifPresent(tag -> connection.setRequestProperty("If-Range", tag));
        }
        int status = connection.getResponseCode();
        Optional<String> tag = strongTag(connection.getHeaderField("ETag"));
        if (status == 200) {
            long length = connection.getContentLengthLong();
            return new FileSource.Fetch(200, 0, length < 0 ? OptionalLong.empty() : OptionalLong.of(length), tag,
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
            return new FileSource.Fetch(206, Long.parseLong(range.group(1)), total, tag, connection.getInputStream());
        }
        String why = errorText(connection);
        connection.disconnect();
        throw new IOException(backend.packageUri() + " answered HTTP " + status + why);
    }

    /**
     * Posts the result to the notify URL.
     *
     * @throws IOException when it cannot be reached or does not answer with a 2xx status
     */
    public void notifyResult(String result) throws IOException {
        URI uri = backend.notifyUri().orElseThrow();
        HttpURLConnection connection = open(uri, "POST");
        connection.setRequestProperty("Content-Type", "text/plain; charset=utf-8");
        send(connection, result);
        int status = connection.getResponseCode();
        String why = status / 100 == 2 ? "" : errorText(connection);
        connection.disconnect();
        if (status / 100 != 2) {
            throw new IOException(uri + " answered HTTP " + status + why);
        }
    }

    private HttpURLConnection open(URI uri, String method) throws IOException {
        HttpURLConnection connection = (HttpURLConnection) uri.toURL().openConnection();
        if (connection instanceof HttpsURLConnection https && tls.isPresent()) {
            https.setSSLSocketFactory(tls.get().getSocketFactory());
        }
        connection.setRequestMethod(method);
        connection.setConnectTimeout((int) connectTimeout.toMillis());
        connection.setReadTimeout((int) readTimeout.toMillis());
        connection.setInstanceFollowRedirects(true);
        connection.setUseCaches(false);
        connection.setRequestProperty("User-Agent", backend.userAgent());
        if (backend.user().isPresent()) {
            String credentials = backend.user().get() + ":" + backend.password().orElse("");
            connection.setRequestProperty("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                    credentials.getBytes(StandardCharsets.UTF_8)));
        }
        return connection;
    }

    private static void send(HttpURLConnection connection, String text) throws IOException {
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        connection.setDoOutput(true);
        connection.setFixedLengthStreamingMode(body.length);
        try (OutputStream out = connection.getOutputStream()) {
            out.write(body);
        }
    }

    /** The first line of an error answer's text, for the log: what the backend said. */
    private static String errorText(HttpURLConnection connection) {
        try (InputStream error = connection.getErrorStream()) {
            if (error == null) {
                return "";
            }
            String text = new String(error.readNBytes(300), StandardCharsets.UTF_8).lines().findFirst().orElse("")
                    .replaceAll("\\p{Cntrl}", " ").strip();
            return text.isEmpty() ? "" : " (" + text + ")";
        } catch (IOException e) {
            return "";
        }
    }

    static Optional<String> strongTag(String header) {
        if (header == null) {
            return Optional.empty();
        }
        String tag = header.strip();
        return STRONG_TAG.matcher(tag).matches() ? Optional.of(tag) : Optional.empty();
    }
}
