package org.suptools.agent.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.suptools.agent.AgentLog;
import org.suptools.agent.Daemon;
import org.suptools.agent.config.AgentConfig;
import org.suptools.agent.config.AgentConfigLoader;
import org.suptools.agent.update.Cycle;
import org.suptools.installer.api.InstallStatus;
import org.suptools.installer.api.event.InstallEvent;
import org.suptools.installer.api.event.InstallEvents;
import org.suptools.installer.api.event.PackageInfo;
import org.suptools.installer.api.event.RequestInfo;
import org.suptools.tr50.GatewaySupUpdate;
import org.suptools.tr50.LogPublish;
import org.suptools.tr50.MailboxMessage;
import org.suptools.tr50.MailboxUpdate;
import org.suptools.tr50.MethodExec;

/**
 * The agent against a real broker (HiveMQ CE, embedded) and a portal written in the test: TR50
 * over MQTT with per-thing topics, the file endpoint over HTTP, and an installer run as a real
 * process (a script that writes the installer's documented events and TR50 reply).
 */
class AgentOverMqttTest {

    private static final String TOKEN = "gw-token";
    private static final Instant AT = Instant.parse("2026-12-01T10:00:00Z");

    @TempDir
    static Path brokerDir;
    static EmbeddedBroker broker;

    @TempDir
    Path dir;
    PortalResponder responder;
    final byte[] content = new byte[700_000];
    final StringWriter logText = new StringWriter();

    @BeforeAll
    static void startBroker() throws Exception {
        broker = new EmbeddedBroker(brokerDir, Map.of("gw-1", TOKEN, "portal", "portal-secret"));
    }

    @AfterAll
    static void stopBroker() throws Exception {
        broker.close();
    }

    @BeforeEach
    void startPortal() throws Exception {
        responder = new PortalResponder(broker.port, "portal-secret");
        new Random(7).nextBytes(content);
        responder.portal.files.put("acme.sup", content);
    }

    @AfterEach
    void stopPortal() throws Exception {
        responder.close();
    }

    @Test
    void once_fetchesInstallsAndAcksOverTheBroker() throws Exception {
        responder.portal.mailbox.put("M1", update("M1"));

        Optional<Cycle> cycle = daemon(config(TOKEN, "1h")).once(Duration.ofSeconds(20));

        assertThat(cycle).hasValueSatisfying(c -> assertThat(c.portalReachable()).isTrue());
        assertThat(responder.portal.acks).singleElement().satisfies(ack -> {
            assertThat(ack.id()).isEqualTo("M1");
            assertThat(ack.errorCode()).isZero();
        });
        assertThat(responder.portal.logs).extracting(LogPublish::msg).containsExactly("SUP acme 1.4.0: installed");
        assertThat(responder.portal.updates).extracting(MailboxUpdate::msg)
                .contains("downloading acme.sup: 100%", "installing: action 1/1 file.copy");
        assertThat(Files.readAllBytes(dir.resolve("installed.sup"))).isEqualTo(content);
        assertThat(responder.bytesServed).isEqualTo(content.length);
        assertThat(logText.toString()).doesNotContain(TOKEN);
    }

    @Test
    void once_withAWrongTokenIsRefusedByTheBroker() throws Exception {
        responder.portal.mailbox.put("M1", update("M1"));

        Optional<Cycle> cycle = daemon(config("wrong", "1h")).once(Duration.ofSeconds(3));

        assertThat(cycle).isEmpty();
        assertThat(responder.portal.checks).isEmpty();
        assertThat(logText.toString()).contains("not connected").doesNotContain("wrong");
    }

    @Test
    void run_answersAMailboxNoticeWithoutWaitingForThePeriod() throws Exception {
        Daemon daemon = daemon(config(TOKEN, "1h"));
        CountDownLatch acked = new CountDownLatch(1);
        responder.portal.onAck = acked::countDown;
        Thread worker = new Thread(() -> {
            try {
                daemon.run();
            } catch (IOException | InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        worker.start();
        try {
            CountDownLatch checked = new CountDownLatch(1);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (responder.portal.checks.isEmpty() && System.nanoTime() < deadline) {
                checked.await(20, TimeUnit.MILLISECONDS);
            }
            assertThat(responder.portal.checks).as("the check on connect").isNotEmpty();

            responder.portal.mailbox.put("M2", update("M2"));
            responder.notifyActivity("gw-1");

            assertThat(acked.await(20, TimeUnit.SECONDS)).isTrue();
            assertThat(responder.portal.ackedIds()).containsExactly("M2");
        } finally {
            daemon.stop();
            worker.join(10_000);
        }
        assertThat(worker.isAlive()).isFalse();
    }

    @Test
    void run_givesAnApprovalFromScheduleWithinMoments_notAtItsNextCheck() throws Exception {
        Daemon daemon = daemon(config(TOKEN, "1h", "stagePolicy:\n  download: approval\n"));
        CountDownLatch acked = new CountDownLatch(1);
        responder.portal.onAck = acked::countDown;
        responder.portal.mailbox.put("M1", update("M1"));
        Thread worker = new Thread(() -> {
            try {
                daemon.run();
            } catch (IOException | InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        worker.start();
        try {
            org.suptools.agent.store.JobStore jobs = new org.suptools.agent.store.JobStore(dir.resolve("state/jobs"));
            CountDownLatch never = new CountDownLatch(1);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (!jobs.find("M1").map(job -> job.stage().held()).orElse(false) && System.nanoTime() < deadline) {
                never.await(20, TimeUnit.MILLISECONDS);
            }
            assertThat(jobs.find("M1")).hasValueSatisfying(job -> assertThat(job.stage())
                    .isEqualTo(org.suptools.agent.job.Stage.WAITING_FOR_DOWNLOAD_APPROVAL));
            assertThat(responder.portal.acks).isEmpty();

            StringWriter out = new StringWriter();
            picocli.CommandLine command = org.suptools.agent.cli.AgentMain.commandLine();
            command.setOut(new PrintWriter(out, true));
            // The message named no campaignId: it is approved by its mailbox id.
            int exit = command.execute("schedule", "--config", dir.resolve("agent.yaml").toString(),
                    "--type=download", "--campaign-id=M1");

            assertThat(exit).isZero();
            assertThat(out.toString()).contains("handed to the running agent");
            assertThat(acked.await(20, TimeUnit.SECONDS)).as("well before the 1 h check period").isTrue();
            assertThat(responder.portal.ackedIds()).containsExactly("M1");
        } finally {
            daemon.stop();
            worker.join(10_000);
        }
        assertThat(worker.isAlive()).isFalse();
    }

    @Test
    void aSigkilledAgentResumesItsDownloadAndInstallsOnceInA64MiBHeap() throws Exception {
        byte[] large = new byte[96 << 20];
        new Random(11).nextBytes(large);
        responder.portal.files.put("acme.sup", large);
        responder.portal.mailbox.put("M1", update("M1"));
        responder.pauseAfter = large.length / 2;
        config(TOKEN, "1h");

        Process first = agentProcess("first");
        assertThat(responder.paused.await(60, TimeUnit.SECONDS)).as("the download reached half").isTrue();
        first.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        responder.resume.countDown();
        assertThat(responder.portal.acks).isEmpty();

        Process second = agentProcess("second");
        assertThat(second.waitFor(120, TimeUnit.SECONDS)).isTrue();

        assertThat(second.exitValue()).as(Files.readString(dir.resolve("second.log"))).isZero();
        assertThat(responder.portal.acks).singleElement().satisfies(ack -> assertThat(ack.errorCode()).isZero());
        assertThat(Files.mismatch(dir.resolve("installed.sup"), writeTemp(large))).isEqualTo(-1);
        assertThat(responder.bytesServed).isLessThan((long) (large.length * 1.1));
        assertThat(Files.readString(dir.resolve("second.log"))).doesNotContain("OutOfMemoryError");
    }

    private Path writeTemp(byte[] bytes) throws IOException {
        return Files.write(dir.resolve("expected.sup"), bytes);
    }

    /** {@code sup-agent once} in its own JVM with the launcher's 64 MiB heap. */
    private Process agentProcess(String name) throws IOException {
        return new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx64m",
                "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                "org.suptools.agent.cli.AgentMain", "once", "--config", dir.resolve("agent.yaml").toString(),
                "--connect-timeout", "30")
                .redirectErrorStream(true).redirectOutput(dir.resolve(name + ".log").toFile()).start();
    }

    private Daemon daemon(AgentConfig config) {
        return new Daemon(config, AgentLog.to(new PrintWriter(logText), Clock.systemUTC()), Clock.systemUTC());
    }

    private AgentConfig config(String token, String checkPeriod) throws Exception {
        return config(token, checkPeriod, "");
    }

    private AgentConfig config(String token, String checkPeriod, String more) throws Exception {
        Files.writeString(dir.resolve("gateway.yaml"), "runtimeHome: rt\n");
        Path installer = fakeInstaller();
        Path file = Files.writeString(dir.resolve("agent.yaml"), """
                thingKey: gw-1
                appId: app-gw-1
                appToken: %s
                broker: tcp://127.0.0.1:%d
                topicPrefix: sup
                fileEndpoint: %s
                gatewayConfig: gateway.yaml
                installer: [%s]
                stateDir: state
                checkPeriod: %s
                replyTimeout: 10s
                """.formatted(token, broker.port, responder.fileEndpoint(), installer, checkPeriod) + more);
        return AgentConfigLoader.load(file);
    }

    /**
     * An installer that copies the package where the test can compare it, prints the events the
     * real one prints and writes its TR50 reply where {@code --tr50-reply} says.
     */
    private Path fakeInstaller() throws IOException {
        PackageInfo pkg = new PackageInfo(Optional.of("acme"), Optional.of("1.4.0"), "acme.sup", "00", List.of());
        List<InstallEvent> events = List.of(
                new InstallEvent.Started(AT, "i-1", new RequestInfo(Optional.empty(), Optional.of("MB"),
                        Optional.of("gw-1")), pkg),
                new InstallEvent.Verified(AT, pkg),
                new InstallEvent.ActionStarted(AT, 1, 1, "config", "file.copy"),
                new InstallEvent.Finished(AT, InstallStatus.SUCCEEDED, Optional.empty(), "", false, Optional.empty()));
        StringBuilder lines = new StringBuilder();
        events.forEach(event -> lines.append("printf '%s\\n' '").append(InstallEvents.line(event)).append("'\n"));
        String script = """
                #!/usr/bin/env bash
                set -euo pipefail
                [ "$1" = recover ] && { echo "nothing to recover"; exit 0; }
                package="$2"
                while [ $# -gt 0 ]; do
                  case "$1" in
                    --mailbox-id) mailbox="$2"; shift ;;
                    --tr50-reply) reply="$2"; shift ;;
                  esac
                  shift
                done
                cp "$package" "%s"
                %s
                cat > "$reply" <<JSON
                {"1": {"command": "log.publish", "params": {"msg": "SUP acme 1.4.0: installed", "level": 2, "corrId": "$mailbox"}},
                 "2": {"command": "mailbox.ack", "params": {"id": "$mailbox", "errorCode": 0, "errorMessage": "", "params": {"status": "success"}}}}
                JSON
                """.formatted(dir.resolve("installed.sup"), lines.toString().replace("\"MB\"", "\"'\"$mailbox\"'\""));
        Path file = dir.resolve("fake-installer");
        Files.writeString(file, script);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        return file;
    }

    private static MailboxMessage update(String id) {
        return new MailboxMessage(id, Optional.of("gw-1"), MethodExec.of(GatewaySupUpdate.of("acme", 600)));
    }
}
