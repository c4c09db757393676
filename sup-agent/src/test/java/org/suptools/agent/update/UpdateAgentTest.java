package org.suptools.agent.update;

import org.suptools.agent.job.UpdateJob;
import org.suptools.agent.job.Stage;
import org.suptools.agent.job.AgentErrors;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.suptools.agent.AgentLog;
import org.suptools.agent.download.Downloader;
import org.suptools.agent.download.FileSource;
import org.suptools.agent.download.PortalFileIds;
import org.suptools.agent.store.Durable;
import org.suptools.agent.store.JobStore;
import org.suptools.agent.store.Outbox;
import org.suptools.installer.api.InstallError;
import org.suptools.installer.api.InstallStatus;
import org.suptools.installer.api.event.PackageInfo;
import org.suptools.installer.api.event.RequestInfo;
import org.suptools.installer.api.report.Confirmation;
import org.suptools.installer.api.report.MailboxAcks;
import org.suptools.installer.api.report.ReportFiles;
import org.suptools.tr50.GatewaySupUpdate;
import org.suptools.tr50.LogLevel;
import org.suptools.tr50.LogPublish;
import org.suptools.tr50.MailboxMessage;
import org.suptools.tr50.MethodExec;
import org.suptools.tr50.Params;
import org.suptools.tr50.Tr50Codec;
import org.suptools.tr50.Tr50Request;

class UpdateAgentTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-01T10:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path temp;

    private final FakePortal portal = new FakePortal();
    private final ScriptedInstaller installer = new ScriptedInstaller();
    private final List<Duration> waits = new ArrayList<>();
    /** The agent's clock: fixed unless a test moves it. */
    private final java.util.concurrent.atomic.AtomicReference<Instant> now =
            new java.util.concurrent.atomic.AtomicReference<>(CLOCK.instant());
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    };
    private JobStore jobs;
    private Outbox outbox;
    private Path gatewayConfig;
    private ReportFiles reports;

    @BeforeEach
    void layOut() throws Exception {
        jobs = new JobStore(temp.resolve("state/jobs"));
        outbox = new Outbox(temp.resolve("state/outbox"));
        gatewayConfig = temp.resolve("gw/gateway.yaml");
        ScriptedInstaller.write(gatewayConfig, "runtimeHome: runtime\n");
        reports = ReportFiles.forConfig(gatewayConfig);
        portal.files.put("acme.sup", "the package".getBytes());
    }

    @Test
    void cycle_downloadsInstallsAndSendsTheInstallersReplyOnce() throws Exception {
        portal.mailbox.put("M1", update("M1", "acme"));
        portal.keepAcked = true;

        Cycle first = agent().cycle();
        Cycle second = agent().cycle();

        assertThat(first.newMessages()).isEqualTo(1);
        assertThat(second.newMessages()).isZero();
        assertThat(installer.installs()).hasSize(1);
        List<String> install = installer.installs().get(0);
        assertThat(install).contains("--events", "--mailbox-id", "M1", "--thing-key", "gw-1", "--tr50-reply");
        assertThat(portal.ackedIds()).containsExactly("M1");
        assertThat(portal.acks.get(0).errorCode()).isZero();
        assertThat(portal.logs).extracting(LogPublish::msg)
                .containsExactly("SUP acme 1.4.0: action 1/1 file.copy succeeded");
        assertThat(portal.updates).isNotEmpty();
        assertThat(jobs.find("M1").orElseThrow().finished()).isTrue();
        assertThat(temp.resolve("state/downloads")).isEmptyDirectory();
        assertThat(second.pending()).isZero();
    }

    @Test
    void cycle_passesTheInstallersFailureCodeAndMessageOn() throws Exception {
        portal.mailbox.put("M1", update("M1", "acme"));
        installer.error = Optional.of(InstallError.ACTION_FAILED);

        agent().cycle();

        assertThat(portal.acks).singleElement().satisfies(ack -> {
            assertThat(ack.errorCode()).isEqualTo(-90110);
            assertThat(ack.errorMessage().orElseThrow()).contains("action 1/1 file.copy failed");
        });
        assertThat(portal.logs).extracting(LogPublish::level).containsExactly(Optional.of(LogLevel.ERROR));
    }

    @Test
    void cycle_acksAMissingFileAtOnceWithThePortalsCode() throws Exception {
        portal.mailbox.put("M1", update("M1", "nothing"));

        agent().cycle();

        assertThat(portal.acks).singleElement().satisfies(ack -> {
            assertThat(ack.errorCode()).isEqualTo(-90008);
            assertThat(ack.errorMessage().orElseThrow()).contains("SUP 'nothing.sup' not found.");
        });
        assertThat(installer.commands).isEmpty();
        assertThat(waits).isEmpty();
    }

    @Test
    void cycle_keepsTheAckInTheOutboxWhileThePortalIsAway() throws Exception {
        portal.mailbox.put("M1", update("M1", "acme"));
        UpdateAgent agent = agent();
        // The portal goes away after the package is fetched.
        installer.afterStart = () -> portal.down = true;

        Cycle away = agent.cycle();
        portal.down = false;
        Cycle back = agent.cycle();

        assertThat(away.portalReachable()).isFalse();
        // The job, its ack, and the two states it entered after the portal went (WAITING_TO_ACTIVATE, SUCCEEDED).
        assertThat(away.pending()).isEqualTo(4);
        assertThat(back.sent()).isEqualTo(3);
        assertThat(portal.ackedIds()).containsExactly("M1");
        assertThat(installer.installs()).hasSize(1);
        assertThat(jobs.find("M1").orElseThrow().finished()).isTrue();
    }

    @Test
    void cycle_goesOnWithADownloadAfterThePortalWasAway() throws Exception {
        portal.mailbox.put("M1", update("M1", "acme"));
        jobs.save(UpdateJob.received("M1", "acme", Optional.empty(), CLOCK.instant()));
        UpdateAgent agent = agent();
        portal.down = true;

        Cycle away = agent.cycle();
        UpdateJob waiting = jobs.find("M1").orElseThrow();
        portal.down = false;
        agent.cycle();

        assertThat(away.portalReachable()).isFalse();
        assertThat(waiting.stage()).isEqualTo(Stage.DOWNLOADING);
        assertThat(waiting.downloadAttempts()).as("a portal that is away costs no attempt").isZero();
        assertThat(portal.ackedIds()).containsExactly("M1");
        assertThat(installer.installs()).hasSize(1);
    }

    @Test
    void cycle_afterAKillDuringTheInstallSendsWhatTheInstallerRecorded() throws Exception {
        portal.mailbox.put("M1", update("M1", "acme"));
        jobs.save(UpdateJob.received("M1", "acme", Optional.empty(), CLOCK.instant())
                .installStarted(CLOCK.instant()));
        Confirmation confirmation = confirmation("i-7", "M1", InstallStatus.SUCCEEDED, Optional.empty());
        Durable.write(reports.confirmation(), confirmation.toBytes());
        Tr50Request kept = Tr50Request.of(List.of(
                new LogPublish(Optional.empty(), Optional.empty(), "SUP acme 1.4.0: completed after interruption",
                        Optional.of(LogLevel.INFO), Optional.of("M1")),
                MailboxAcks.of("M1", 0, "", true, Optional.of("acme"), Optional.of("1.4.0"))));
        Durable.write(reports.reply("i-7"), Tr50Codec.pretty(kept));

        agent().cycle();

        assertThat(installer.recovers()).hasSize(1);
        assertThat(installer.installs()).isEmpty();
        assertThat(portal.ackedIds()).containsExactly("M1");
        assertThat(portal.logs).extracting(LogPublish::msg)
                .containsExactly("SUP acme 1.4.0: completed after interruption");
        assertThat(reports.reply("i-7")).doesNotExist();
    }

    @Test
    void cycle_afterAKillDuringTheInstallFindsTheReplyOfAnEarlierInstall() throws Exception {
        jobs.save(UpdateJob.received("M1", "acme", Optional.empty(), CLOCK.instant())
                .installStarted(CLOCK.instant()));
        Durable.write(reports.confirmation(), confirmation("i-9", "OTHER", InstallStatus.SUCCEEDED,
                Optional.empty()).toBytes());
        Durable.write(reports.reply("i-8"), Tr50Codec.pretty(Tr50Request.of(MailboxAcks.of("M1", -90113,
                "interrupted; rolled back", false, Optional.of("acme"), Optional.of("1.4.0")))));

        agent().cycle();

        assertThat(installer.installs()).isEmpty();
        assertThat(portal.acks).singleElement().satisfies(ack -> assertThat(ack.errorCode()).isEqualTo(-90113));
    }

    @Test
    void cycle_afterAKillBeforeTheInstallerRecordedAnythingRunsItOnce() throws Exception {
        portal.mailbox.put("M1", update("M1", "acme"));
        UpdateJob downloaded = UpdateJob.received("M1", "acme", Optional.empty(), CLOCK.instant())
                .at(Stage.DOWNLOAD_COMPLETE, CLOCK.instant()).installStarted(CLOCK.instant());
        jobs.save(downloaded);
        ScriptedInstaller.write(temp.resolve("state/downloads/M1/acme.sup"), "the package");

        agent().cycle();

        assertThat(installer.recovers()).hasSize(1);
        assertThat(installer.installs()).hasSize(1);
        assertThat(portal.ackedIds()).containsExactly("M1");
        assertThat(jobs.find("M1").orElseThrow().installAttempts()).isEqualTo(2);
    }

    @Test
    void cycle_afterAKillBetweenTheOutboxAndTheRecordSendsOneAck() throws Exception {
        portal.mailbox.put("M1", update("M1", "acme"));
        portal.keepAcked = true;
        jobs.save(UpdateJob.received("M1", "acme", Optional.empty(), CLOCK.instant())
                .installStarted(CLOCK.instant()));
        outbox.add("M1", Tr50Request.of(MailboxAcks.of("M1", 0, "", true, Optional.empty(), Optional.empty())),
                Optional.empty());

        agent().cycle();
        agent().cycle();

        assertThat(portal.ackedIds()).containsExactly("M1");
        assertThat(installer.commands).isEmpty();
    }

    @Test
    void cycle_waitsWhileAnotherInstallHoldsTheGateway() throws Exception {
        jobs.save(UpdateJob.received("M1", "acme", Optional.empty(), CLOCK.instant())
                .installStarted(CLOCK.instant()));
        installer.recoverExit = 5;

        Cycle cycle = agent().cycle();

        assertThat(portal.acks).isEmpty();
        assertThat(installer.installs()).isEmpty();
        assertThat(jobs.find("M1").orElseThrow().stage()).isEqualTo(Stage.EXECUTING);
        assertThat(cycle.pending()).isEqualTo(1);
    }

    @Test
    void cycle_reportsAnInstallerKilledWithoutARecordAsInterrupted() throws Exception {
        portal.mailbox.put("M1", update("M1", "acme"));
        installer.killedWith = Optional.of(137);

        agent().cycle();

        assertThat(installer.recovers()).hasSize(1);
        assertThat(portal.acks).singleElement().satisfies(ack -> assertThat(ack.errorCode())
                .isEqualTo(InstallError.INTERRUPTED.code()));
    }

    @Test
    void cycle_answersAMethodItDoesNotKnowOnce() throws Exception {
        portal.keepAcked = true;
        portal.mailbox.put("M2", new MailboxMessage("M2", Optional.of("gw-1"),
                MethodExec.of("reboot.now", Params.empty())));

        agent().cycle();
        agent().cycle();

        assertThat(portal.acks).singleElement().satisfies(ack -> {
            assertThat(ack.errorCode()).isEqualTo(18);
            assertThat(ack.errorMessage().orElseThrow()).contains("does not support method reboot.now");
        });
    }

    @Test
    void cycle_refusesAnUpdateWithoutAName() throws Exception {
        portal.mailbox.put("M3", new MailboxMessage("M3", Optional.empty(),
                MethodExec.of(GatewaySupUpdate.METHOD, Params.builder().put("timeout", 10).build())));

        agent().cycle();

        assertThat(portal.acks).singleElement().satisfies(ack -> {
            assertThat(ack.errorCode()).isEqualTo(AgentErrors.BAD_REQUEST);
            assertThat(ack.errorMessage().orElseThrow()).contains("name");
        });
    }

    @Test
    void cycle_neverStartsAMessageWhoseRecordCannotBeReadAndGoesOnWithTheOthers() throws Exception {
        portal.mailbox.put("M1", update("M1", "acme"));
        portal.mailbox.put("M2", update("M2", "acme"));
        ScriptedInstaller.write(temp.resolve("state/jobs/M1.json"), "{ not json");

        agent().cycle();

        assertThat(portal.ackedIds()).containsExactly("M2");
        assertThat(installer.installs()).hasSize(1);
        assertThat(jobs.unreadable()).singleElement().asString().contains("M1.json");
    }

    @Test
    void stateLock_keepsASecondAgentOffTheStateDirectory() throws Exception {
        try (var held = org.suptools.agent.store.StateLock.acquire(temp.resolve("state"))) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> org.suptools.agent.store.StateLock.acquire(
                    temp.resolve("state"))).hasMessageContaining("another sup-agent is using the state directory");
        }
        org.suptools.agent.store.StateLock.acquire(temp.resolve("state")).close();
    }

    private static MailboxMessage update(String id, String name) {
        return new MailboxMessage(id, Optional.of("gw-1"), MethodExec.of(GatewaySupUpdate.of(name, 600)));
    }

    private static Confirmation confirmation(String installId, String mailboxId, InstallStatus status,
            Optional<InstallError> error) {
        return new Confirmation(Confirmation.FORMAT_VERSION, installId, new PackageInfo(Optional.of("acme"),
                Optional.of("1.4.0"), "acme.sup", "00", List.of()), new RequestInfo(Optional.empty(),
                Optional.of(mailboxId), Optional.of("gw-1")), ScriptedInstaller.AT, Optional.of(ScriptedInstaller.AT),
                status, error.map(InstallError::code).orElse(0), error, "", Optional.empty(), false, List.of());
    }

    @Test
    void anInstallOutlastingThePortalsTimeout_goesOnAndIsStillAckedOnce() throws Exception {
        portal.mailbox.put("M1", new MailboxMessage("M1", Optional.of("gw-1"),
                MethodExec.of(GatewaySupUpdate.of("acme", 60))));
        // The install takes two hours; the portal said it waits 60 s.
        installer.afterStart = () -> now.set(now.get().plus(Duration.ofHours(2)));

        Cycle cycle = agent().cycle();

        assertThat(installer.installs()).hasSize(1);
        assertThat(installer.commands).as("not stopped, nothing to recover").hasSize(1);
        assertThat(portal.acks).singleElement().satisfies(ack -> assertThat(ack.errorCode()).isZero());
        UpdateJob done = jobs.find("M1").orElseThrow();
        assertThat(done.finished()).isTrue();
        assertThat(Duration.between(done.receivedAt(), done.updatedAt())).isGreaterThan(Duration.ofSeconds(60));
        assertThat(cycle.pending()).isZero();
    }

    @Test
    void aFinishedJob_leavesOnlyItsRecord_itsPackageAndTheInstallersOutputGoAtOnce() throws Exception {
        Path installerDir = temp.resolve("state/installer");
        InstallStep.Launchers processes = InstallStep.Launchers.processes(installerDir, Duration.ofMinutes(1));
        InstallStep.Launchers launchers = new InstallStep.Launchers() {
            @Override
            public org.suptools.installer.api.client.InstallerLauncher named(String name) {
                // The scripted installer stands in for the process; its output files are laid out as a real run's.
                write(installerDir.resolve(name + ".out"), "{\"event\": \"...\"}\n".repeat(1000));
                write(installerDir.resolve(name + ".err"), "");
                return installer;
            }

            @Override
            public void discard(String name) throws java.io.IOException {
                processes.discard(name);
            }
        };
        write(installerDir.resolve("recover-M1.out"), "nothing to recover\n");
        write(installerDir.resolve("install-M0.out"), "another job's output stays\n");
        portal.mailbox.put("M1", update("M1", "acme"));

        agent(launchers).cycle();

        assertThat(jobs.find("M1").orElseThrow().finished()).isTrue();
        assertThat(temp.resolve("state/downloads")).isEmptyDirectory();
        try (var left = Files.list(installerDir)) {
            assertThat(left.map(f -> f.getFileName().toString())).containsExactly("install-M0.out");
        }
    }

    @Test
    void finishedRecords_beyondTheNewest50_arePrunedToTheirIds_andTheirMessagesNeverRunAgain() throws Exception {
        for (int i = 0; i < 60; i++) {
            Instant finished = CLOCK.instant().minusSeconds(6000 - i * 60);
            jobs.save(UpdateJob.received(String.format("OLD-%02d", i), "acme", Optional.empty(), finished)
                    .reporting(Stage.SUCCEEDED, org.suptools.agent.job.JobResult.success("installed"), finished)
                    .acked(finished));
        }
        // A portal that hands out acked messages again, the oldest among them.
        portal.keepAcked = true;
        portal.mailbox.put("OLD-00", update("OLD-00", "acme"));
        portal.mailbox.put("OLD-59", update("OLD-59", "acme"));
        portal.mailbox.put("M1", update("M1", "acme"));

        Cycle cycle = agent().cycle();

        assertThat(cycle.newMessages()).as("only M1 is new").isEqualTo(1);
        assertThat(installer.installs()).hasSize(1);
        assertThat(portal.ackedIds()).containsExactly("M1");
        List<UpdateJob> kept = jobs.all();
        assertThat(kept).hasSize(JobStore.KEEP_FINISHED).allSatisfy(job -> assertThat(job.finished()).isTrue());
        assertThat(kept).extracting(UpdateJob::mailboxId).contains("M1", "OLD-59", "OLD-11")
                .doesNotContain("OLD-00", "OLD-10");
        assertThat(jobs.prunedCount()).isEqualTo(11);

        JobStore restarted = new JobStore(temp.resolve("state/jobs"));
        Cycle again = agent().cycle();

        assertThat(restarted.known("OLD-00")).as("the pruned id survives a restart").isTrue();
        assertThat(restarted.known("OLD-10")).isTrue();
        assertThat(restarted.known("NEVER-SEEN")).isFalse();
        assertThat(again.newMessages()).isZero();
        assertThat(installer.installs()).hasSize(1);
        assertThat(portal.ackedIds()).containsExactly("M1");
    }

    private static void write(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private UpdateAgent agent() {
        return agent(name -> installer);
    }

    private UpdateAgent agent(InstallStep.Launchers launchers) {
        FileSource source = (fileId, offset, ifRange) -> {
            byte[] content = portal.fileIds.remove(fileId);
            if (content == null) {
                return new FileSource.Fetch(404, 0, OptionalLong.empty(), Optional.empty(),
                        java.io.InputStream.nullInputStream());
            }
            return new FileSource.Fetch(200, 0, OptionalLong.of(content.length), Optional.empty(),
                    new ByteArrayInputStream(content));
        };
        Downloader downloader = new Downloader(new PortalFileIds(portal), source, jobs,
                temp.resolve("state/downloads"), clock, waits::add, Downloader.RetryPolicy.DEFAULT,
                Downloader.Progress.NONE);
        InstallStep step = new InstallStep(List.of("sup-installer"), gatewayConfig, temp.resolve("state/installer"),
                Optional.of("gw-1"), launchers, line -> { });
        return new UpdateAgent(jobs, outbox, downloader, step, portal, clock, AgentLog.NONE);
    }

}
