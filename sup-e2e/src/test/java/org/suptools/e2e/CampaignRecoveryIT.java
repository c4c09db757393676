package org.suptools.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.suptools.e2e.Launchers.Keys;

/**
 * Agents killed with SIGKILL mid-campaign, with real processes as in {@link CampaignIT}. The portal
 * throttles downloads ({@code --fault slow-download}) so that a kill lands half way through one; a
 * package whose last action waits for the test's go-ahead lets a kill (of the agent, or of the agent
 * and the installer at once: a power cut) land while the installer runs.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CampaignRecoveryIT {

    /** Big enough that one lost checkpoint (1 MiB at least) stays under a tenth of the file. */
    private static final int BIG_PAYLOAD = 24 << 20;
    /** Downloads at 4 MiB/s: the big package takes about 6 s, the small ones no time. */
    private static final String SLOW_RATE = String.valueOf(4 << 20);
    /** The installer-api's code of an install cut short and undone by recover. */
    private static final int INTERRUPTED = -90113;

    @TempDir
    static Path work;

    private Keys keys;
    private Portal portal;
    private WireObserver wire;
    private CountingProxy files;
    private final List<Agent> agents = new ArrayList<>();
    private long bigSize;

    @BeforeAll
    void startPortal() throws Exception {
        Launchers.seeFreshJars();
        keys = Launchers.keygen(work.resolve("keys/recovery"));
        portal = Portal.start(work, Stream.of("gw-killed-installing", "gw-restarted-installing", "gw-power-cut",
                "gw-killed-downloading", "gw-broker-restart").map(Portal.Thing::named).toList(),
                "--fault", "slow-download", "--slow-rate", SLOW_RATE);
        wire = WireObserver.on(portal);
        files = CountingProxy.to(portal.http());
        portal.upload(build("acme-gated", 1024, gate("install-started"), gate("go")), "acme-gated.sup");
        portal.upload(build("acme-gated-b", 1024, gate("b-started"), gate("b-go")), "acme-gated-b.sup");
        portal.upload(build("acme-gated-c", 1024, gate("c-started"), gate("c-go")), "acme-gated-c.sup");
        portal.upload(build("acme-gated-d", 1024, gate("d-started"), gate("d-go")), "acme-gated-d.sup");
        Path big = build("acme-big", BIG_PAYLOAD, null, null);
        bigSize = Files.size(big);
        portal.upload(big, "acme-big.sup");
    }

    @AfterAll
    void stopEverything() throws Exception {
        CloseAll.inOrder(agents, files, wire, portal);
    }

    @TestFactory
    Stream<DynamicTest> kills() {
        String where = " (" + Portal.where() + ")";
        return Stream.of(
                DynamicTest.dynamicTest("an agent killed while the installer runs sends exactly one ack, the "
                        + "installer's, after its restart" + where, this::killedWhileInstalling),
                DynamicTest.dynamicTest("an agent restarted while its installer still runs waits for it: the package "
                        + "runs once, one ack, the installer's, after the installer ended" + where,
                        this::restartedWhileInstalling),
                DynamicTest.dynamicTest("a power cut mid-install (agent and installer SIGKILLed): after the restart "
                        + "the install is rolled back by recover and acked once as interrupted (-90113)" + where,
                        this::powerCutMidInstall),
                DynamicTest.dynamicTest("an agent killed half way through the download resumes it after its restart: "
                        + "under 1.1x the file's bytes crossed the wire, the install succeeds" + where,
                        this::killedWhileDownloading),
                DynamicTest.dynamicTest("the broker stopped mid-install and started again: the ack is delivered "
                        + "after the reconnect, the member completed once" + where, this::brokerRestartsMidInstall));
    }

    /** Scenario 4. */
    private void killedWhileInstalling() throws Exception {
        Agent agent = gateway("gw-killed-installing").start();
        String id = portal.startCampaign("killed-installing", "acme-gated.sup", List.of("gw-killed-installing"));
        awaitFile(gate("install-started"), agent);

        agent.kill();
        // The installer outlives the agent that started it; it finishes while no agent runs.
        Files.writeString(gate("go"), "go");
        awaitFinished(agent);
        agent.start();
        JsonNode member = Portal.member(portal.awaitCompleted(id), "gw-killed-installing");

        String mailboxId = member.path("mailboxId").asText();
        assertThat(member.path("result").asText()).as(member.toPrettyString()).isEqualTo("success");
        InstallReport report = InstallReport.of(agent.home());
        report.assertSucceededFor(mailboxId, "gw-killed-installing");
        assertThat(report.audit()).as("the package ran once")
                .filteredOn(l -> InstallReport.startedFor(l, mailboxId)).hasSize(1);
        awaitAcks(mailboxId);
        assertThat(agent.status().path("state").asText()).isEqualTo("idle");
    }

    /**
     * Scenario 4, the agent back before its installer ended: {@code sup-installer recover} answers
     * busy while the orphaned install holds the gateway, so the agent waits (it neither runs the
     * package again nor acks), then reports the reply the installer wrote for it.
     */
    private void restartedWhileInstalling() throws Exception {
        String key = "gw-restarted-installing";
        Agent agent = gateway(key).start();
        String id = portal.startCampaign("restarted-installing", "acme-gated-c.sup", List.of(key));
        awaitFile(gate("c-started"), agent);
        String mailboxId = Portal.member(portal.campaign(id), key).path("mailboxId").asText();

        agent.kill();
        agent.start();
        awaitOutput(agent, "mailbox message " + mailboxId + ": waiting: another install holds the gateway");
        assertThat(wire.acks(mailboxId)).as("acks while the installer still runs").isZero();
        assertThat(Portal.member(portal.campaign(id), key).path("status").asText()).isEqualTo("In Progress");
        Files.writeString(gate("c-go"), "go");
        JsonNode member = Portal.member(portal.awaitCompleted(id), key);

        InstallReport report = InstallReport.of(agent.home());
        report.assertSucceededFor(mailboxId, key);
        assertThat(member.path("result").asText()).as(member.toPrettyString()).isEqualTo("success");
        assertThat(member.path("errorCode").asInt()).isEqualTo(report.ack().path("errorCode").asInt());
        assertThat(Instant.parse(member.path("completedOn").asText())).as("acked after the installer ended")
                .isAfterOrEqualTo(Instant.parse(report.confirmation().path("completedAt").asText()));
        assertThat(Files.readAllLines(gate("c-started"))).as("runs of the package's gated action").hasSize(1);
        assertThat(report.audit()).as("the package ran once")
                .filteredOn(l -> InstallReport.startedFor(l, mailboxId)).hasSize(1);
        awaitAcks(mailboxId);
        assertThat(awaitIdle(agent).path("outbox").asInt()).isZero();
    }

    /**
     * Scenario 4 as a power cut: the agent, its installer and the installer's action all SIGKILLed
     * at once mid-install. The restarted agent runs {@code sup-installer recover}, which undoes
     * what the install had done, and acks what confirmation.json then says (docs/reference/agent.md):
     * {@code -90113} interrupted, rolled back after interruption.
     */
    private void powerCutMidInstall() throws Exception {
        String key = "gw-power-cut";
        Agent agent = gateway(key);
        Map<String, String> before = Trees.snapshot(agent.home());
        agent.start();
        String id = portal.startCampaign("power-cut", "acme-gated-d.sup", List.of(key));
        awaitFile(gate("d-started"), agent);
        String mailboxId = Portal.member(portal.campaign(id), key).path("mailboxId").asText();
        assertThat(Trees.snapshot(agent.home())).as("the install changed the gateway before the cut")
                .isNotEqualTo(before);

        List<String> cut = agent.powerCut();
        assertThat(cut).as("the installer was among the processes cut")
                .anyMatch(command -> command.contains(" org.suptools.installer.cli.InstallerMain install "));
        Path journal = agent.home().resolveSibling("state/journal/current.jsonl");
        assertThat(journal).as("the install's journal is open: it was cut mid-way").isRegularFile();
        agent.start();
        JsonNode member = Portal.member(portal.awaitCompleted(id), key);

        assertThat(member.path("result").asText()).as(member.toPrettyString()).isEqualTo("failure");
        assertThat(member.path("errorCode").asInt()).isEqualTo(INTERRUPTED);
        assertThat(member.path("errorMessage").asText()).contains("interrupted");
        assertThat(Trees.snapshot(agent.home())).as("the gateway as before the package").isEqualTo(before);
        assertThat(journal).doesNotExist();
        JsonNode confirmation = InstallReport.of(agent.home()).confirmation();
        assertThat(confirmation.path("request").path("mailboxId").asText()).isEqualTo(mailboxId);
        assertThat(confirmation.path("status").asText()).as(confirmation.toPrettyString()).isEqualTo("rolled-back");
        assertThat(confirmation.path("error").asText()).isEqualTo("interrupted");
        assertThat(confirmation.path("recovery").asText()).isEqualTo("rolled back after interruption");
        assertThat(member.path("errorMessage").asText()).isEqualTo(confirmation.path("errorMessage").asText());
        // The recover run's own output file goes with the finished job; the agent's log keeps its words.
        assertThat(agent.output()).as("what sup-installer recover, run by the agent, said")
                .contains("sup-installer recover: acme-gated-d 1.0.0 was interrupted; rolled it back");
        assertThat(Files.readAllLines(gate("d-started"))).as("runs of the package's gated action").hasSize(1);
        awaitAcks(mailboxId);
        assertThat(awaitIdle(agent).path("outbox").asInt()).isZero();
    }

    /** Scenario 3. */
    private void killedWhileDownloading() throws Exception {
        Agent agent = gateway("gw-killed-downloading").start();
        long before = files.bytesFromServer();
        String id = portal.startCampaign("killed-downloading", "acme-big.sup", List.of("gw-killed-downloading"));
        awaitHalfDownloaded(agent);

        agent.kill();
        long half = files.bytesFromServer() - before;
        agent.start();
        JsonNode member = Portal.member(portal.awaitCompleted(id), "gw-killed-downloading");

        assertThat(member.path("result").asText()).as(member.toPrettyString()).isEqualTo("success");
        long crossed = files.bytesFromServer() - before;
        assertThat(half).as("bytes before the kill").isBetween(bigSize / 3, bigSize - bigSize / 10);
        assertThat(crossed).as("bytes of a %d-byte file that crossed the wire", bigSize)
                .isGreaterThanOrEqualTo(bigSize).isLessThan(bigSize + bigSize / 10);
        InstallReport.of(agent.home()).assertSucceededFor(member.path("mailboxId").asText(), "gw-killed-downloading");
        awaitAcks(member.path("mailboxId").asText());
    }

    /**
     * Scenario 5: the result waits in the agent's outbox while the broker is away. mosquitto keeps its
     * sessions across the restart (see {@link Portal}); on the embedded broker the portal restarts with it.
     */
    private void brokerRestartsMidInstall() throws Exception {
        Agent agent = gateway("gw-broker-restart").start();
        String id = portal.startCampaign("broker-restart", "acme-gated-b.sup", List.of("gw-broker-restart"));
        awaitFile(gate("b-started"), agent);

        portal.stopBroker();
        Files.writeString(gate("b-go"), "go");
        awaitFinished(agent);
        assertThat(agent.running()).as("the agent outlives its broker").isTrue();
        portal.restartBroker();
        JsonNode member = Portal.member(portal.awaitCompleted(id), "gw-broker-restart");

        assertThat(member.path("result").asText()).as(member.toPrettyString()).isEqualTo("success");
        InstallReport report = InstallReport.of(agent.home());
        report.assertSucceededFor(member.path("mailboxId").asText(), "gw-broker-restart");
        assertThat(report.audit()).as("the package ran once")
                .filteredOn(l -> InstallReport.startedFor(l, member.path("mailboxId").asText()))
                .hasSize(1);
        JsonNode status = awaitIdle(agent);
        assertThat(status.path("rejected").asInt()).as(status.toPrettyString()).isZero();
        assertThat(agent.output()).as("reported once").containsOnlyOnce("reported success");
    }

    private static JsonNode awaitIdle(Agent agent) throws Exception {
        long deadline = System.nanoTime() + Portal.DEADLINE.toNanos();
        JsonNode status = agent.status();
        while (!status.path("state").asText().equals("idle")) {
            assertThat(System.nanoTime()).as("the agent never idle: %s", status).isLessThan(deadline);
            Thread.sleep(100);
            status = agent.status();
        }
        return status;
    }

    private void awaitHalfDownloaded(Agent agent) throws Exception {
        Path downloads = agent.stateDir().resolve("downloads");
        long deadline = System.nanoTime() + Portal.DEADLINE.toNanos();
        while (true) {
            long size = 0;
            if (Files.isDirectory(downloads)) {
                // downloads/<job>/<name>.sup.part; gone once it is complete, checked and moved.
                try (Stream<Path> parts = Files.walk(downloads)) {
                    for (Path part : parts.filter(p -> p.toString().endsWith(".part")).toList()) {
                        size = Math.max(size, sizeOrZero(part));
                    }
                } catch (java.io.UncheckedIOException movedMeanwhile) {
                    size = 0;
                }
            }
            if (size >= bigSize / 2) {
                return;
            }
            assertThat(System.nanoTime()).as("half the download never arrived:\n%s", agent.output())
                    .isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    private static void awaitFinished(Agent agent) throws Exception {
        Path confirmation = agent.home().resolve("logs/confirmation.json");
        long deadline = System.nanoTime() + Portal.DEADLINE.toNanos();
        while (!Files.isRegularFile(confirmation) || !InstallReport.JSON.readTree(confirmation.toFile())
                .path("completedAt").isTextual()) {
            assertThat(System.nanoTime()).as("the orphaned install never finished").isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    private static long sizeOrZero(Path file) {
        try {
            return Files.size(file);
        } catch (java.io.IOException movedMeanwhile) {
            return 0;
        }
    }

    /** The output of the {@code sup-installer recover} runs of the agent ({@code installer/recover-<job>.out}, {@code .err}). */
    private static void awaitOutput(Agent agent, String line) throws Exception {
        long deadline = System.nanoTime() + Portal.DEADLINE.toNanos();
        while (!agent.output().contains(line)) {
            assertThat(System.nanoTime()).as("the agent never logged '%s':\n%s", line, agent.output())
                    .isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    private static void awaitFile(Path file, Agent agent) throws Exception {
        long deadline = System.nanoTime() + Portal.DEADLINE.toNanos();
        while (!Files.exists(file)) {
            assertThat(System.nanoTime()).as("%s never appeared:\n%s", file, agent.output()).isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    /** The ack went over the wire exactly once (the observer may see it a moment after the portal). */
    private void awaitAcks(String mailboxId) throws Exception {
        long deadline = System.nanoTime() + Portal.DEADLINE.toNanos();
        while (wire.acks(mailboxId) == 0) {
            assertThat(System.nanoTime()).as("no ack of %s on the wire", mailboxId).isLessThan(deadline);
            Thread.sleep(20);
        }
        assertThat(wire.acks(mailboxId)).as("mailbox.ack commands for " + mailboxId).isEqualTo(1);
    }

    private static Path gate(String name) {
        return work.resolve("gates").resolve(name);
    }

    private Agent gateway(String key) throws Exception {
        Agent agent = Agent.onSandbox(Portal.Thing.named(key), work.resolve(key), keys.publicKey(), portal);
        agent.useFileEndpoint(files.uri());
        agents.add(agent);
        return agent;
    }

    /**
     * A package that copies a payload of random bytes ({@link RandomPayloadPackage}) and, when given
     * gates, then sets a property of the runtime, appends a line to the first gate (one per run of
     * the action) and waits for the second to exist.
     */
    private Path build(String name, int payloadBytes, Path started, Path go) throws Exception {
        Files.createDirectories(gate("go").getParent());
        String gated = go == null ? "" : """
                  - id: port
                    type: properties.set
                    file: conf/dwcore.user.properties
                    set:
                      dw.http.port: "8181"
                  - id: wait-for-go
                    type: command.run
                    description: says it started, then waits for the test's go-ahead
                    command: ["/bin/sh", "-c", "echo ran >> '%s'; while [ ! -e '%s' ]; do sleep 0.05; done"]
                """.formatted(started, go);
        return RandomPayloadPackage.build(work, keys, name, payloadBytes, gated);
    }
}
