package org.suptools.fleetsim;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs the fleet: connects every simulated gateway (in batches, so the broker is not hit by
 * thousands of CONNECTs at once), says so by writing the ready file, then waits until each gateway
 * has acked one campaign message, and writes what happened as JSON.
 *
 * @param fleet the gateways
 * @param broker {@code tcp://host:port}
 * @param base the portal's topic base ({@code sup})
 * @param fileEndpoint the portal's HTTP endpoint
 * @param workers threads that do the gateways' blocking work (requests, downloads)
 * @param ready written once every gateway is connected and subscribed
 * @param deadline how long to wait for the acks after that
 */
record FleetRun(Fleet fleet, URI broker, String base, URI fileEndpoint, int workers, Path ready, Duration deadline) {

    private static final int CONNECT_BATCH = 200;
    private static final Duration REPLY_TIMEOUT = Duration.ofSeconds(120);
    private static final int TROUBLE_SHOWN = 20;

    /** Runs it; the summary is returned and written to {@code result}. Exit 0 only when every gateway succeeded once. */
    int run(Path result, PrintStream out) throws Exception {
        Tally tally = new Tally(fleet.size());
        AtomicInteger troubles = new AtomicInteger();
        ExecutorService work = Executors.newFixedThreadPool(workers);
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(30)).build();
        List<SimulatedGateway> gateways = new ArrayList<>();
        for (Fleet.Member member : fleet.members()) {
            gateways.add(new SimulatedGateway(member, broker, base, REPLY_TIMEOUT, fileEndpoint, http, work, tally,
                    problem -> {
                        if (troubles.incrementAndGet() <= TROUBLE_SHOWN) {
                            out.println("trouble: " + problem);
                        }
                    }));
        }
        long connectStart = System.nanoTime();
        for (int from = 0; from < gateways.size(); from += CONNECT_BATCH) {
            List<CompletableFuture<Void>> batch = gateways.subList(from, Math.min(from + CONNECT_BATCH, gateways.size()))
                    .stream().map(SimulatedGateway::connect).toList();
            CompletableFuture.allOf(batch.toArray(CompletableFuture[]::new)).get(120, TimeUnit.SECONDS);
        }
        double connectSeconds = (System.nanoTime() - connectStart) / 1e9;
        out.printf("%d gateways connected and subscribed in %.1f s%n", gateways.size(), connectSeconds);
        writeAtomically(ready, Instant.now().toString() + "\n");
        long waitStart = System.nanoTime();
        boolean complete = tally.await(deadline);
        double waitedSeconds = (System.nanoTime() - waitStart) / 1e9;
        CompletableFuture.allOf(gateways.stream().map(SimulatedGateway::disconnect).toArray(CompletableFuture[]::new))
                .get(60, TimeUnit.SECONDS);
        work.shutdownNow();
        ObjectNode summary = summary(tally, complete, connectSeconds, waitedSeconds, troubles.get());
        writeAtomically(result, new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(summary) + "\n");
        out.println(summary.toPrettyString());
        return complete && tally.failed() == 0 && tally.duplicates() == 0 ? 0 : 1;
    }

    private ObjectNode summary(Tally tally, boolean complete, double connectSeconds, double waitedSeconds, int troubles) {
        ObjectNode summary = new ObjectMapper().createObjectNode();
        summary.put("gateways", fleet.size());
        summary.put("complete", complete);
        summary.put("succeeded", tally.succeeded());
        summary.put("failed", tally.failed());
        summary.put("duplicateAcks", tally.duplicates());
        summary.put("troubles", troubles);
        summary.put("connectSeconds", Math.round(connectSeconds * 100) / 100.0);
        summary.put("readyToLastAckSeconds", Math.round(waitedSeconds * 100) / 100.0);
        ObjectNode perMember = summary.putObject("memberMillis");
        for (double p : new double[] {50, 90, 99, 100}) {
            perMember.put("p" + (int) p, Math.round(tally.percentileMillis(p) * 10) / 10.0);
        }
        tally.problems().forEach(summary.putArray("failures")::add);
        return summary;
    }

    private static void writeAtomically(Path file, String text) throws IOException {
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(temporary, text);
        Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
