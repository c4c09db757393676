package org.suptools.workbench.service;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import javax.net.ssl.HttpsURLConnection;
import org.suptools.installer.api.client.InstallerLauncher;
import org.suptools.model.json.SupJson;

/**
 * One install on a remote gateway, seen as the Packages tab sees a local one: an installer whose
 * standard output is the stream of lines the gateway's installer writes, so the same events fill
 * the same table. The package is uploaded as it is read from disk (never whole in memory); the
 * agent answers with the run's stream. When the connection breaks after the upload, the install
 * goes on at the gateway, and the stream is asked for again from the first line not yet seen; the
 * end brings the installer's exit code and this run's confirmation.json and audit lines.
 */
public final class RemoteRun implements InstallerLauncher, RunReportSource {

    /** How often a broken stream is asked for again before the run is left to a Reconnect by hand. */
    static final int RECONNECTS = 3;
    /** The exit code a run stopped during its upload ends with, as a process stopped by a signal does. */
    static final int STOPPED = 130;
    private static final int BUFFER = 64 * 1024;

    @FunctionalInterface
    interface Connect {
        AgentConnections get() throws IOException;
    }

    private final Connect connect;
    private final Optional<Path> packageFile;
    private final boolean dryRun;
    private volatile String runId;
    private volatile JsonNode end;
    private volatile long nextLine;
    private volatile boolean stopped;
    private volatile boolean uploading;
    private volatile HttpsURLConnection current;
    private volatile String gatewayName = "the gateway";

    private RemoteRun(Connect connect, Optional<Path> packageFile, boolean dryRun, String runId) {
        this.connect = connect;
        this.packageFile = packageFile;
        this.dryRun = dryRun;
        this.runId = runId;
    }

    static RemoteRun upload(Connect connect, Path packageFile, boolean dryRun) {
        return new RemoteRun(connect, Optional.of(packageFile), dryRun, null);
    }

    static RemoteRun resume(Connect connect, String runId) {
        return new RemoteRun(connect, Optional.empty(), false, runId);
    }

    /** The run's id at the gateway, once the agent has accepted the upload. */
    public Optional<String> runId() {
        return Optional.ofNullable(runId);
    }

    /** The command is the local installer's; a remote run has its package and mode already. */
    @Override
    public Running start(List<String> command) {
        return new Running() {
            @Override
            public int follow(Consumer<String> onLine) throws IOException {
                return RemoteRun.this.follow(onLine);
            }

            @Override
            public String stderrTail() {
                JsonNode ended = end;
                return ended == null ? "" : ended.path("stderr").asText("");
            }

            @Override
            public void stop() {
                stopped = true;
                HttpsURLConnection connection = current;
                if (uploading && connection != null) {
                    // Cut the upload: the agent keeps nothing of a package it did not receive whole.
                    connection.disconnect();
                }
            }
        };
    }

    private int follow(Consumer<String> onLine) throws IOException {
        AgentConnections agent = connect.get();
        gatewayName = agent.gateway().name();
        BufferedReader stream;
        if (packageFile.isPresent()) {
            Optional<BufferedReader> uploaded = upload(agent, packageFile.get());
            if (uploaded.isEmpty()) {
                return STOPPED;
            }
            stream = uploaded.get();
        } else {
            stream = events(agent);
        }
        IOException lost = null;
        for (int attempt = 0; attempt <= RECONNECTS; attempt++) {
            try {
                if (stream == null) {
                    stream = events(agent);
                }
                if (read(stream, onLine)) {
                    return end.path("exitCode").asInt(-1);
                }
                lost = new IOException("the stream ended before the run did");
            } catch (CertificateChangedException e) {
                throw e;
            } catch (IOException e) {
                lost = agent.changed(e);
                if (lost instanceof CertificateChangedException changed) {
                    throw changed;
                }
            } finally {
                if (stream != null) {
                    closeQuietly(stream);
                }
            }
            stream = null;
            if (runId == null) {
                break;
            }
        }
        throw new IOException("lost the connection to " + gatewayName + (runId == null ? "" : " during run " + runId
                + "; the install goes on there: Reconnect shows its result") + " (" + lost.getMessage() + ")", lost);
    }

    /** Uploads the package; empty when stopped during the upload. */
    private Optional<BufferedReader> upload(AgentConnections agent, Path file) throws IOException {
        long size = Files.size(file);
        HttpsURLConnection post = agent.open("/v1/runs?dryRun=" + dryRun + "&name="
                + URLEncoder.encode(file.getFileName().toString(), StandardCharsets.UTF_8), AgentConnections.READ);
        post.setRequestMethod("POST");
        post.setDoOutput(true);
        post.setFixedLengthStreamingMode(size);
        post.setRequestProperty("Content-Type", "application/octet-stream");
        current = post;
        uploading = true;
        try (InputStream in = Files.newInputStream(file); OutputStream out = post.getOutputStream()) {
            byte[] buffer = new byte[BUFFER];
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                if (stopped) {
                    post.disconnect();
                    return Optional.empty();
                }
                out.write(buffer, 0, n);
            }
        } catch (IOException e) {
            if (stopped) {
                return Optional.empty();
            }
            IOException named = agent.changed(e);
            if (named instanceof CertificateChangedException) {
                throw named;
            }
            // The agent may have answered before the whole body went (a refusal): its answer says why.
            int code = agent.code(post);
            throw code == 200 ? e : agent.refusal(post, code);
        } finally {
            uploading = false;
        }
        int code = agent.code(post);
        if (code != 200) {
            throw agent.refusal(post, code);
        }
        return Optional.of(new BufferedReader(new InputStreamReader(post.getInputStream(), StandardCharsets.UTF_8)));
    }

    private BufferedReader events(AgentConnections agent) throws IOException {
        HttpsURLConnection get = agent.open("/v1/runs/" + runId + "/events?from=" + nextLine, AgentConnections.READ);
        current = get;
        int code = agent.code(get);
        if (code != 200) {
            throw agent.refusal(get, code);
        }
        return new BufferedReader(new InputStreamReader(get.getInputStream(), StandardCharsets.UTF_8));
    }

    /** Hands on the installer's lines; true when the end came. */
    private boolean read(BufferedReader stream, Consumer<String> onLine) throws IOException {
        for (String text = stream.readLine(); text != null; text = stream.readLine()) {
            JsonNode item = SupJson.json().readTree(text);
            if (item.has("run")) {
                runId = item.path("run").path("id").asText();
            } else if (item.has("end")) {
                end = item.path("end");
                return true;
            } else if (item.has("n")) {
                long number = item.path("n").asLong();
                if (number >= nextLine) {
                    onLine.accept(item.path("line").asText(""));
                    nextLine = number + 1;
                }
            }
        }
        return false;
    }

    @Override
    public String confirmation(String installId) {
        JsonNode ended = end;
        return ended == null ? "" : ended.path("confirmation").asText("");
    }

    @Override
    public List<String> auditLinesSince() {
        JsonNode ended = end;
        List<String> lines = new ArrayList<>();
        if (ended != null) {
            ended.path("auditLines").forEach(line -> lines.add(line.asText()));
        }
        return lines;
    }

    private static void closeQuietly(BufferedReader reader) {
        try {
            reader.close();
        } catch (IOException e) {
            // The connection is gone either way.
        }
    }
}
