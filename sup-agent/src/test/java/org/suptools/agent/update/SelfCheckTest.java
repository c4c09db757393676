package org.suptools.agent.update;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;
import java.util.zip.CRC32;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.suptools.agent.AgentLog;
import org.suptools.agent.config.CheckPolicy;
import org.suptools.agent.config.StagePolicy;
import org.suptools.agent.config.Throttle;
import org.suptools.agent.config.Window;
import org.suptools.agent.download.Downloader;
import org.suptools.agent.download.FileSource;
import org.suptools.agent.download.PortalFileIds;
import org.suptools.agent.job.Stage;
import org.suptools.agent.job.UpdateJob;
import org.suptools.agent.link.OfflineLink;
import org.suptools.agent.link.Tr50Link;
import org.suptools.agent.store.AgentJson;
import org.suptools.agent.store.JobStore;
import org.suptools.agent.store.Outbox;
import org.suptools.tr50.Params;
import org.suptools.tr50.UpdateCheckResult;

/**
 * The agent's own checks (seeds 001 and 004) on a clock the test moves: the release offered goes
 * through the same persisted states as a campaign's, the schedule and apply windows hold its
 * download and its install to the second, period and jitter hold the next check, and a fresh agent
 * over the same state directory (a kill and restart) goes on where the last one stood.
 */
class SelfCheckTest {

    /** A Thursday, 10:00 UTC. */
    private static final Instant T0 = Instant.parse("2026-12-03T10:00:00Z");
    private static final byte[] RELEASE = "dw-firmware 2.0.0".getBytes(StandardCharsets.UTF_8);
    private static final Params DEVICE = Params.builder().put("thingKey", "gw-1").put("product", "dw-gateway")
            .put("runtimeVersion", "1.4.0").put("packages", Params.builder().put("dw-firmware",
                    Params.builder().put("version", "1.3.0").build()).build()).build();

    @TempDir
    Path temp;

    /** The checks' random delay: none, so that most scenarios check to the second. */
    private Duration jitter = Duration.ZERO;
    private final FakePortal portal = new FakePortal();
    private final ScriptedInstaller installer = new ScriptedInstaller();
    private final AtomicReference<Instant> now = new AtomicReference<>(T0);
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    };

    @BeforeEach
    void layOut() throws Exception {
        ScriptedInstaller.write(temp.resolve("gw/gateway.yaml"), "runtimeHome: runtime\n");
        portal.files.put("dw-firmware-2.0.0.sup", RELEASE);
        String sha = sha256(RELEASE);
        portal.releases = device -> new UpdateCheckResult(Optional.of(release(sha)));
    }

    @Test
    void ownCheck_sendsTheDescription_andTakesTheReleaseThroughEveryState_withoutAnyAck() throws Exception {
        agent(policy(null, null)).cycle();

        assertThat(portal.updateChecks).containsExactly(DEVICE);
        assertThat(portal.states()).containsExactly("INSTANTIATED", "INVENTORY_UP_TO_DATE", "WAITING_FOR_DOWNLOAD",
                "DOWNLOADING", "DOWNLOAD_COMPLETE", "WAITING_TO_EXECUTE", "EXECUTING", "WAITING_TO_ACTIVATE",
                "SUCCEEDED");
        assertThat(portal.acks).as("no mailbox message to ack").isEmpty();
        assertThat(portal.updates).as("no mailbox message to tell of progress").isEmpty();
        assertThat(portal.logs).as("the installer's audit lines").isNotEmpty();
        assertThat(installer.installs()).singleElement().satisfies(command -> assertThat(command)
                .contains("--mailbox-id", "check:dw-firmware@2.0.0"));
        UpdateJob job = job();
        assertThat(job.stage()).isEqualTo(Stage.SUCCEEDED);
        assertThat(job.finished()).isTrue();
    }

    @Test
    void upToDate_publishesInventoryUpToDate_andTakesNothing() throws Exception {
        portal.releases = device -> UpdateCheckResult.upToDate();

        agent(policy(null, null)).cycle();

        assertThat(portal.states()).containsExactly("INVENTORY_UP_TO_DATE");
        JsonNode value = AgentJson.mapper().readTree(portal.attributes.get(0).value());
        assertThat(value.has("mailboxId")).as("it says it is no job's: %s", value).isTrue();
        assertThat(value.get("mailboxId").isNull()).isTrue();
        assertThat(value.path("check").asText()).isEqualTo("update.check");
        assertThat(portal.fileIds).isEmpty();
        assertThat(new JobStore(temp.resolve("state/jobs")).all()).isEmpty();
    }

    @Test
    void aReleaseTakenBefore_isNotTakenAgain_evenAfterItFailed() throws Exception {
        installer.error = Optional.of(org.suptools.installer.api.InstallError.ACTION_FAILED);
        agent(policy(null, null)).cycle();
        assertThat(job().stage()).isEqualTo(Stage.EXECUTION_FAILED);

        now.set(T0.plus(Duration.ofDays(2)));
        agent(policy(null, null)).cycle();

        assertThat(portal.updateChecks).as("checked again a period later").hasSize(2);
        assertThat(installer.installs()).as("a failed release waits for a newer one").hasSize(1);
    }

    @Test
    void downloadByDay_installByNight_toTheSecond() throws Exception {
        CheckPolicy dayAndNight = policy("* 8-17 * * *", "* 0-5 * * *");

        Cycle day = agent(dayAndNight).cycle();

        assertThat(job().stage()).as("downloaded by day, the install waits for the night")
                .isEqualTo(Stage.SCHEDULED_EXECUTION);
        Instant midnight = Instant.parse("2026-12-04T00:00:00Z");
        assertThat(day.nextWindow()).as("the daemon wakes at midnight").contains(midnight);
        assertThat(job().execution().approval()).hasValueSatisfying(window -> {
            assertThat(window.startTime()).isEqualTo(midnight.toEpochMilli());
            assertThat(window.endTime()).isEqualTo(Instant.parse("2026-12-04T06:00:00Z").toEpochMilli());
        });
        assertThat(installer.installs()).isEmpty();

        now.set(midnight.minusSeconds(1));
        agent(dayAndNight).cycle();
        assertThat(job().stage()).as("a second before midnight").isEqualTo(Stage.SCHEDULED_EXECUTION);
        assertThat(installer.installs()).isEmpty();

        now.set(midnight);
        agent(dayAndNight).cycle();
        assertThat(job().stage()).isEqualTo(Stage.SUCCEEDED);
        assertThat(portal.states()).containsSubsequence("DOWNLOAD_COMPLETE", "SCHEDULED_EXECUTION",
                "WAITING_TO_EXECUTE", "EXECUTING", "SUCCEEDED");
    }

    @Test
    void checkOutsideTheSchedule_waitsForItsOpening_andItsDownloadToo() throws Exception {
        CheckPolicy day = policy("* 8-17 * * *", null);
        now.set(Instant.parse("2026-12-03T07:00:00Z"));

        Cycle early = agent(day).cycle();

        assertThat(portal.updateChecks).isEmpty();
        assertThat(early.nextWindow()).contains(Instant.parse("2026-12-03T08:00:00Z"));
        now.set(Instant.parse("2026-12-03T07:59:59Z"));
        agent(day).cycle();
        assertThat(portal.updateChecks).isEmpty();
        now.set(Instant.parse("2026-12-03T08:00:00Z"));
        agent(day).cycle();
        assertThat(portal.updateChecks).hasSize(1);
        assertThat(job().stage()).isEqualTo(Stage.SUCCEEDED);
    }

    @Test
    void killedInScheduledExecution_andOffAllNight_aMissedWindowWaitsForTheNext() throws Exception {
        CheckPolicy dayAndNight = policy("* 8-17 * * *", "* 0-5 * * *");
        agent(dayAndNight).cycle();
        assertThat(job().stage()).isEqualTo(Stage.SCHEDULED_EXECUTION);

        // Off from 10:00 until 10:00 the next day: the night's window passed while nothing ran.
        now.set(T0.plus(Duration.ofDays(1)));
        Cycle next = agent(dayAndNight).cycle();

        assertThat(job().stage()).isEqualTo(Stage.SCHEDULED_EXECUTION);
        assertThat(next.nextWindow()).contains(Instant.parse("2026-12-05T00:00:00Z"));
        assertThat(installer.installs()).as("never run outside its window").isEmpty();
        assertThat(portal.updateChecks).as("the release taken is not asked for twice; the period holds the check")
                .hasSize(2);
        now.set(Instant.parse("2026-12-05T00:00:00Z"));
        agent(dayAndNight).cycle();
        assertThat(job().stage()).isEqualTo(Stage.SUCCEEDED);
    }

    @Test
    void killedInScheduledDownload_restartsThere_andFetchesInTheWindow() throws Exception {
        // A release taken in the last minute of the schedule whose download start did not fit: the
        // agent is killed, restarted after the window, and the download waits for the next morning.
        CheckPolicy day = policy("* 8-17 * * *", null);
        now.set(Instant.parse("2026-12-03T17:59:59Z"));
        portal.fileGetDown = true;
        agent(day).cycle();
        portal.fileGetDown = false;
        now.set(Instant.parse("2026-12-03T18:00:00Z"));

        Cycle evening = agent(day).cycle();

        assertThat(job().stage()).isEqualTo(Stage.SCHEDULED_DOWNLOAD);
        assertThat(evening.nextWindow()).contains(Instant.parse("2026-12-04T08:00:00Z"));
        now.set(Instant.parse("2026-12-04T08:00:00Z"));
        agent(day).cycle();
        assertThat(job().stage()).isEqualTo(Stage.SUCCEEDED);
    }

    @Test
    void period_holdsTheNextCheck_toTheSecond() throws Exception {
        portal.releases = device -> UpdateCheckResult.upToDate();
        agent(policy(null, null)).cycle();

        now.set(T0.plus(Duration.ofHours(24)).minusSeconds(1));
        Cycle before = agent(policy(null, null)).cycle();
        assertThat(portal.updateChecks).hasSize(1);
        assertThat(before.nextWindow()).contains(T0.plus(Duration.ofHours(24)));

        now.set(T0.plus(Duration.ofHours(24)));
        agent(policy(null, null)).cycle();
        assertThat(portal.updateChecks).hasSize(2);
    }

    @Test
    void aDaemonStartedAfterAPowerCut_drawsItsMissedCheckAgainOverTheJitter_insteadOfCheckingAtOnce()
            throws Exception {
        portal.releases = device -> UpdateCheckResult.upToDate();
        agent(policy(null, null)).cycle();
        assertThat(portal.updateChecks).hasSize(1);

        jitter = Duration.ofMinutes(10);
        Instant back = T0.plus(Duration.ofDays(3));
        now.set(back);
        UpdateAgent restarted = agent(policy(null, null));
        restarted.started(back);
        Cycle first = restarted.cycle();

        assertThat(portal.updateChecks).as("the check missed while off is not made at once").hasSize(1);
        Instant redrawn = first.nextWindow().orElseThrow();
        assertThat(redrawn).isAfter(back).isBefore(back.plus(jitter).plusSeconds(1));
        now.set(redrawn);
        restarted.cycle();
        assertThat(portal.updateChecks).as("made when its new time comes").hasSize(2);
    }

    @Test
    void aReleaseWhoseSha256DiffersFromTheAnnouncement_isRefusedBeforeTheInstall() throws Exception {
        portal.releases = device -> new UpdateCheckResult(Optional.of(release("0".repeat(64))));

        agent(policy(null, null)).cycle();

        assertThat(job().stage()).isEqualTo(Stage.DOWNLOAD_FAILED);
        assertThat(installer.installs()).isEmpty();
        assertThat(portal.attributes.get(portal.attributes.size() - 1).value())
                .contains("\"state\":\"DOWNLOAD_FAILED\"").contains("\"errorCode\":-90202").contains("SHA-256");
    }

    @Test
    void download_thenInstallWithNoNetwork_reportsAtTheNextCheck() throws Exception {
        CheckPolicy byHand = new CheckPolicy(false, Optional.empty(), Optional.of(Window.parse("* 0-5 * * *")),
                Throttle.NONE, ZoneOffset.UTC);

        agent(byHand).download();
        assertThat(job().stage()).isEqualTo(Stage.DOWNLOAD_COMPLETE);
        assertThat(installer.installs()).as("download installs nothing").isEmpty();

        portal.down = true;
        int published = portal.attributes.size();
        UpdateAgent offline = agent(byHand, OfflineLink.INSTANCE);
        offline.install();
        assertThat(offline.ended()).singleElement().satisfies(j -> assertThat(j.stage()).isEqualTo(Stage.SUCCEEDED));
        assertThat(installer.installs()).as("by hand, the apply window does not hold it").hasSize(1);
        assertThat(portal.attributes).hasSize(published);
        assertThat(job().acked()).as("the report waits in the outbox").isFalse();

        portal.down = false;
        UpdateCheckResult answer = agent(byHand).checkOnly();
        assertThat(answer.update()).isPresent();
        assertThat(portal.states()).endsWith("SUCCEEDED");
        assertThat(job().finished()).isTrue();
        assertThat(installer.installs()).as("check takes nothing").hasSize(1);
    }

    @Test
    void install_withNothingDownloaded_doesNothing_andTouchesNoNetwork() throws Exception {
        UpdateAgent offline = agent(policy(null, null), OfflineLink.INSTANCE);

        offline.install();

        assertThat(offline.ended()).isEmpty();
        assertThat(portal.updateChecks).isEmpty();
    }

    private static UpdateCheckResult.Update release(String sha256) {
        CRC32 crc = new CRC32();
        crc.update(RELEASE);
        return new UpdateCheckResult.Update("dw-firmware", "2.0.0", Optional.of("1.3.0"), "dw-firmware-2.0.0.sup",
                "id-1", RELEASE.length, crc.getValue(), sha256);
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    private CheckPolicy policy(String schedule, String apply) {
        return new CheckPolicy(true, Optional.ofNullable(schedule).map(Window::parse),
                Optional.ofNullable(apply).map(Window::parse), Throttle.NONE, ZoneOffset.UTC);
    }

    private UpdateJob job() throws Exception {
        return new JobStore(temp.resolve("state/jobs")).find("check:dw-firmware@2.0.0").orElseThrow();
    }

    private UpdateAgent agent(CheckPolicy checks) {
        return agent(checks, portal);
    }

    private UpdateAgent agent(CheckPolicy checks, Tr50Link link) {
        JobStore jobs = new JobStore(temp.resolve("state/jobs"));
        FileSource source = (fileId, offset, ifRange) -> {
            byte[] content = portal.fileIds.get(fileId);
            if (content == null) {
                return new FileSource.Fetch(404, 0, OptionalLong.empty(), Optional.empty(),
                        java.io.InputStream.nullInputStream());
            }
            return new FileSource.Fetch(200, 0, OptionalLong.of(content.length), Optional.empty(),
                    new ByteArrayInputStream(content));
        };
        Downloader downloader = new Downloader(new PortalFileIds(link), source, jobs, temp.resolve("state/downloads"),
                clock, wait -> { }, Downloader.RetryPolicy.DEFAULT, Downloader.Progress.NONE);
        InstallStep step = new InstallStep(List.of("sup-installer"), temp.resolve("gw/gateway.yaml"),
                temp.resolve("state/installer"), Optional.of("gw-1"), name -> installer, line -> { });
        Path checks2 = temp.resolve("state/checks");
        CheckTimer timer = new CheckTimer(checks2.resolve("timer.json"), checks, Duration.ofDays(1), jitter,
                new Random(1));
        SelfCheck selfCheck = new SelfCheck(checks2, checks, timer, () -> DEVICE);
        return new UpdateAgent(jobs, new Outbox(temp.resolve("state/outbox")), downloader, step, link, clock,
                AgentLog.NONE, StagePolicy.AUTOMATIC, Optional.empty(), Optional.of(selfCheck));
    }
}
