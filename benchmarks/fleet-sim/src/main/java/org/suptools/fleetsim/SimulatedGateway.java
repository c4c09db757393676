package org.suptools.fleetsim;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.suptools.tr50.FileGet;
import org.suptools.tr50.FileGetResult;
import org.suptools.tr50.GatewaySupUpdate;
import org.suptools.tr50.LogPublish;
import org.suptools.tr50.MailboxAck;
import org.suptools.tr50.MailboxCheck;
import org.suptools.tr50.MailboxCheckResult;
import org.suptools.tr50.MailboxMessage;
import org.suptools.tr50.MailboxUpdate;
import org.suptools.tr50.MethodExec;
import org.suptools.tr50.Params;
import org.suptools.tr50.Tr50Exception;
import org.suptools.tr50.Tr50Result;

/**
 * One simulated gateway: on connecting and on each mailbox notice it sends {@code mailbox.check};
 * for each {@code gateway.sup.update} message it sends what the agent sends for a package the
 * installer takes at once: a {@code mailbox.update}, {@code file.get}, the HTTP download (read
 * through, size and CRC-32 checked, not stored), one {@code log.publish} line and the
 * {@code mailbox.ack} (0 and {@code status: success}, or the agent's failure code). It runs no
 * installer: the per-gateway cost of installing is what {@code agent-download-install.sh} measures.
 */
final class SimulatedGateway {

    /** The agent's codes (sup-agent's AgentErrors), so the member records read as a real fleet's. */
    static final int DOWNLOAD_FAILED = -90201;
    static final int PACKAGE_CORRUPT = -90202;
    static final int BAD_REQUEST = -90203;

    private final Tr50Client link;
    private final URI fileEndpoint;
    private final HttpClient http;
    private final Executor work;
    private final Tally tally;
    private final Consumer<String> trouble;
    private final AtomicBoolean checkQueued = new AtomicBoolean();

    SimulatedGateway(Fleet.Member member, URI broker, String base, Duration replyTimeout, URI fileEndpoint,
            HttpClient http, Executor work, Tally tally, Consumer<String> trouble) {
        this.link = new Tr50Client(member, broker, base, replyTimeout, this::checkSoon, trouble);
        this.fileEndpoint = fileEndpoint;
        this.http = http;
        this.work = work;
        this.tally = tally;
        this.trouble = trouble;
    }

    /** Connects; the first mailbox check follows, as the agent checks on every connection. */
    CompletableFuture<Void> connect() {
        return link.connect().thenRun(this::checkSoon);
    }

    CompletableFuture<Void> disconnect() {
        return link.disconnect();
    }

    /** Queues one mailbox check unless one is already queued; never blocks the caller. */
    private void checkSoon() {
        if (checkQueued.compareAndSet(false, true)) {
            work.execute(() -> {
                checkQueued.set(false);
                try {
                    checkMailbox();
                } catch (IOException e) {
                    trouble.accept(link.member().key() + ": " + e.getMessage());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
        }
    }

    private void checkMailbox() throws IOException, InterruptedException {
        Tr50Result result = link.call(MailboxCheck.manualCompletion());
        if (!(result instanceof Tr50Result.Success success)) {
            trouble.accept(link.member().key() + ": mailbox.check failed: " + ((Tr50Result.Failure) result).describe());
            return;
        }
        MailboxCheckResult messages;
        try {
            messages = MailboxCheckResult.read(success.params());
        } catch (Tr50Exception e) {
            trouble.accept(link.member().key() + ": mailbox.check reply: " + e.getMessage());
            return;
        }
        for (MailboxMessage message : messages.messages()) {
            long began = System.nanoTime();
            Outcome outcome = update(message);
            Tr50Result taken = link.call(new MailboxAck(message.id(), outcome.code(), Optional.of(outcome.message()),
                    Optional.of(Params.builder().put("status", outcome.code() == 0 ? "success" : "failure").build())));
            if (taken.succeeded()) {
                tally.reported(message.id(), outcome.code() == 0, outcome.message(),
                        Duration.ofNanos(System.nanoTime() - began));
            } else {
                trouble.accept(link.member().key() + ": mailbox.ack of " + message.id() + " refused: "
                        + ((Tr50Result.Failure) taken).describe());
            }
        }
    }

    /** {@code <fileEndpoint>/file/<fileId>}, as the agent builds it: a path in the endpoint is kept. */
    private URI fileUri(String fileId) {
        String base = fileEndpoint.toString();
        return URI.create((base.endsWith("/") ? base : base + "/") + "file/" + fileId);
    }

    /** What the ack says: 0 and a success text, or a failure code and why. */
    record Outcome(int code, String message) {
    }

    private Outcome update(MailboxMessage message) throws IOException, InterruptedException {
        if (!(message.command() instanceof MethodExec exec) || !exec.method().equals(GatewaySupUpdate.METHOD)) {
            return new Outcome(BAD_REQUEST, "not a gateway.sup.update: " + message.command().commandName());
        }
        GatewaySupUpdate update;
        try {
            update = GatewaySupUpdate.read(exec.params());
        } catch (Tr50Exception e) {
            return new Outcome(BAD_REQUEST, "gateway.sup.update params: " + e.getMessage());
        }
        link.post(new MailboxUpdate(message.id(), "downloading " + update.fileName()));
        Tr50Result got = link.call(FileGet.global(update.fileName()));
        if (!(got instanceof Tr50Result.Success file)) {
            Tr50Result.Failure failure = (Tr50Result.Failure) got;
            return new Outcome(failure.errorCodes().isEmpty() ? DOWNLOAD_FAILED : failure.errorCodes().get(0),
                    failure.describe());
        }
        FileGetResult announced;
        try {
            announced = FileGetResult.read(file.params());
        } catch (Tr50Exception e) {
            return new Outcome(DOWNLOAD_FAILED, "file.get reply: " + e.getMessage());
        }
        HttpResponse<InputStream> response = http.send(
                HttpRequest.newBuilder(fileUri(announced.fileId())).GET().build(),
                HttpResponse.BodyHandlers.ofInputStream());
        CheckedDownload download;
        try (InputStream body = response.body()) {
            if (response.statusCode() != 200) {
                return new Outcome(DOWNLOAD_FAILED, "download: HTTP " + response.statusCode());
            }
            download = CheckedDownload.read(body);
        }
        Optional<String> problem = download.problem(announced.fileSize(), announced.crc32());
        if (problem.isPresent()) {
            return new Outcome(PACKAGE_CORRUPT, problem.get());
        }
        link.post(new LogPublish(Optional.empty(), Optional.empty(), "simulated install of " + update.fileName()
                + " (" + download.bytes() + " bytes, CRC-32 checked)", Optional.empty(), Optional.of(message.id())));
        return new Outcome(0, "simulated install of " + update.fileName());
    }
}
