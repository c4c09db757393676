package org.suptools.agent.ota;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import org.suptools.agent.AgentLog;
import org.suptools.agent.config.BackendSettings;
import org.suptools.agent.config.CaTrust;
import org.suptools.agent.config.HttpAgentConfig;
import org.suptools.agent.download.CheckpointSpacing;
import org.suptools.agent.download.Sleeper;
import org.suptools.agent.job.AgentErrors;
import org.suptools.agent.job.JobResult;
import org.suptools.agent.job.Stage;
import org.suptools.agent.store.Durable;
import org.suptools.agent.store.StateLock;
import org.suptools.agent.update.InstallOutcome;
import org.suptools.agent.update.InstallStep;

/**
 * The agent on a plain HTTP backend (seed 003). One {@link #once cycle}: finish the upgrade an
 * earlier run left (download, install or notify), then post the current version to the version
 * URL, take the settings of the answer, and on {@code upgrade: 1} fetch the package, verify it,
 * install it with the installer (which verifies signatures and digests before it changes
 * anything) and post the result to the notify URL. Each step is on disk before the next starts;
 * the installer is never started twice for an upgrade it left a trace of.
 */
public final class HttpBackend {

    /** How many times the installer may be started for one upgrade without leaving a result. */
    static final int MAX_INSTALL_ATTEMPTS = 3;
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(15);
    static final Duration READ_TIMEOUT = Duration.ofSeconds(60);

    private volatile HttpAgentConfig config;
    private final OtaStore store;
    private final InstallStep.Launchers launchers;
    private final Clock clock;
    private final Sleeper sleeper;
    private final AgentLog log;
    private final long minCheckpointEvery;
    private final PackageDownload.Checkpoints checkpoints;

    /**
     * What one cycle did.
     *
     * @param reachable false when the cycle could not do its work: the backend (or the installer's status)
     *     could not be reached, or an upgrade must wait; {@code once} then exits 1
     * @param upgrade whether the answer (or the upgrade left from before) asked for an upgrade
     * @param applied the settings taken, {@code key = val}
     * @param refused one line per setting refused
     * @param finished the upgrade that ended and was notified in this cycle
     */
    public record Cycle(boolean reachable, boolean upgrade, List<String> applied, List<String> refused,
            Optional<OtaJob> finished) {
        public Cycle {
            applied = List.copyOf(applied);
            refused = List.copyOf(refused);
        }
    }

    public HttpBackend(HttpAgentConfig config, InstallStep.Launchers launchers, Clock clock, Sleeper sleeper,
            AgentLog log, long minCheckpointEvery, PackageDownload.Checkpoints checkpoints) {
        this.config = config;
        this.store = new OtaStore(config.stateDir());
        this.launchers = launchers;
        this.clock = clock;
        this.sleeper = sleeper;
        this.log = log;
        this.minCheckpointEvery = minCheckpointEvery;
        this.checkpoints = checkpoints;
    }

    /** The agent as the command line runs it: real installer processes, real waits. */
    public static HttpBackend of(HttpAgentConfig config, Clock clock, AgentLog log) {
        Path installerDir = config.stateDir().resolve("installer");
        return new HttpBackend(config, InstallStep.Launchers.processes(installerDir, config.installTimeout()), clock,
                Sleeper.REAL, log, CheckpointSpacing.MIN_BYTES, PackageDownload.Checkpoints.NONE);
    }

    /** The config in force: the file's, with the settings the backend sent applied. */
    public HttpAgentConfig config() {
        return config;
    }

    /** One cycle under the state directory's lock. */
    public Cycle once() throws IOException, InterruptedException {
        try (StateLock lock = StateLock.acquire(config.stateDir())) {
            return cycle();
        }
    }

    /** One cycle; the caller holds the state directory's lock. */
    public Cycle cycle() throws IOException, InterruptedException {
        Optional<OtaJob> left = store.job();
        Optional<OtaJob> finished = Optional.empty();
        if (left.isPresent()) {
            log.info("going on with upgrade " + left.get().id() + " (" + left.get().stage() + ")");
            finished = carryOn(left.get());
            if (finished.isEmpty()) {
                return new Cycle(false, true, List.of(), List.of(), Optional.empty());
            }
        }
        String current;
        try {
            current = installed().current();
        } catch (IOException e) {
            // Not the backend's fault, but nothing was checked: once exits 1 and says why.
            log.info("no version check: the installed version is unknown: " + e.getMessage());
            return new Cycle(false, false, List.of(), List.of(), finished);
        }
        VersionAnswer answer;
        try {
            answer = client().check(current);
        } catch (IOException e) {
            log.info("the version check failed: " + e.getMessage());
            return new Cycle(false, false, List.of(), List.of(), finished);
        } catch (VersionAnswer.BadAnswer e) {
            log.info("the version check's answer is refused: " + config.backend().versionUrl() + ": " + e.getMessage());
            return new Cycle(true, false, List.of(), List.of(), finished);
        }
        List<String> applied = new ArrayList<>();
        List<String> refused = new ArrayList<>(answer.malformed());
        takeSettings(answer.settings(), applied, refused);
        refused.forEach(why -> log.info("setting refused: " + why));
        log.info("version check at " + current + ": upgrade " + (answer.upgrade() ? 1 : 0)
                + answer.version().map(v -> " to " + v).orElse(""));
        if (!answer.upgrade()) {
            return new Cycle(true, false, applied, refused, finished);
        }
        Optional<OtaJob> last = store.last();
        if (last.isPresent() && last.get().sameOffer(answer) && answer.sha256().isPresent()
                && last.get().stage() != Stage.DOWNLOAD_FAILED) {
            // The installer already ran these very bytes: running them again would install twice or fail again.
            log.info("upgrade " + answer.version().orElse("") + " not run again: the same package already ended "
                    + last.get().stage() + " (" + last.get().result().map(JobResult::describe).orElse("") + ")");
            return new Cycle(true, true, applied, refused, finished);
        }
        OtaJob job = store.save(OtaJob.asked(answer, clock.instant()));
        log.info("upgrade " + job.id() + " asked for");
        Optional<OtaJob> done = carryOn(job);
        return new Cycle(done.isPresent(), true, applied, refused, done.or(() -> Optional.empty()));
    }

    /** Takes each well-formed setting the whitelist knows, keeps them on disk, and puts them in force. */
    private void takeSettings(List<VersionAnswer.Setting> settings, List<String> applied, List<String> refused)
            throws IOException {
        if (settings.isEmpty()) {
            return;
        }
        Map<String, String> kept = new LinkedHashMap<>(BackendSettings.kept(config.stateDir()));
        HttpAgentConfig next = config;
        for (VersionAnswer.Setting setting : settings) {
            try {
                next = BackendSettings.apply(next, setting.key(), setting.val());
                if (!setting.val().equals(kept.get(setting.key()))) {
                    kept.put(setting.key(), setting.val());
                    applied.add(setting.key() + " = " + setting.val());
                    log.info("setting taken: " + setting.key() + " = " + setting.val());
                }
            } catch (BackendSettings.Refused e) {
                refused.add(e.getMessage());
            }
        }
        if (!applied.isEmpty()) {
            // On disk before it is in force: a kill in between takes it at the next start.
            Durable.write(config.settingsFile(), BackendSettings.bytes(kept));
        }
        config = next;
    }

    /** Goes on with the upgrade until it is notified (its end), or returns empty when it must wait. */
    private Optional<OtaJob> carryOn(OtaJob start) throws IOException, InterruptedException {
        OtaJob job = start;
        if (job.stage() == Stage.WAITING_FOR_DOWNLOAD || job.stage() == Stage.DOWNLOADING) {
            PackageDownload.Outcome outcome = download().fetch(job);
            job = outcome.job();
            if (outcome instanceof PackageDownload.Outcome.Revoked) {
                log.info("upgrade " + job.id() + " revoked, nothing installed: " + job.result().orElseThrow()
                        .errorMessage());
            }
        }
        if (job.stage() == Stage.DOWNLOAD_COMPLETE || job.stage() == Stage.EXECUTING) {
            Optional<OtaJob> installed = install(job);
            if (installed.isEmpty()) {
                return Optional.empty();
            }
            job = installed.get();
        }
        if (!job.stage().terminal()) {
            throw new IOException("upgrade " + job.id() + " is in an unexpected state " + job.stage());
        }
        return notifyResult(job);
    }

    private Optional<OtaJob> install(OtaJob start) throws IOException, InterruptedException {
        OtaJob job = start;
        InstallStep step = installStep();
        if (job.stage() == Stage.EXECUTING) {
            // Killed while the installer ran: its own records say what became of the run.
            InstallOutcome found = step.resolve(job.forInstaller());
            if (found instanceof InstallOutcome.Waiting waiting) {
                log.info("upgrade " + job.id() + " waits: " + waiting.why());
                return Optional.empty();
            }
            if (found instanceof InstallOutcome.Reported reported) {
                return Optional.of(ended(job, reported, step));
            }
            if (job.installAttempts() >= MAX_INSTALL_ATTEMPTS) {
                return Optional.of(store.save(job.ended(Stage.EXECUTION_FAILED, JobResult.failure(
                        AgentErrors.INSTALLER_UNAVAILABLE, "the installer was started " + job.installAttempts()
                                + " times without leaving a result"), clock.instant())));
            }
        }
        Path file = download().file(job);
        job = store.save(job.installStarted(clock.instant()));
        log.info("installing " + job.fileName() + " (upgrade " + job.id() + ")");
        InstallOutcome outcome = step.install(job.forInstaller(), file, line -> log.info(line));
        if (outcome instanceof InstallOutcome.Reported reported) {
            return Optional.of(ended(job, reported, step));
        }
        log.info("upgrade " + job.id() + " waits: " + (outcome instanceof InstallOutcome.Waiting waiting ? waiting.why()
                : ((InstallOutcome.NeverRan) outcome).why()));
        return Optional.empty();
    }

    private OtaJob ended(OtaJob job, InstallOutcome.Reported reported, InstallStep step) throws IOException {
        JobResult result = reported.result();
        OtaJob ended = store.save(job.ended(result.succeeded() ? Stage.SUCCEEDED : Stage.EXECUTION_FAILED, result,
                clock.instant()));
        log.info("upgrade " + job.id() + ": " + result.describe());
        // No portal takes the installer's TR50 reply here: its copies go, its confirmation.json stays.
        if (reported.installerCopy().isPresent()) {
            Durable.delete(reported.installerCopy().get());
        }
        step.discardOutputs(job.forInstaller());
        return ended;
    }

    private Optional<OtaJob> notifyResult(OtaJob job) throws IOException {
        if (!job.notified() && config.backend().notifyUri().isPresent()) {
            try {
                client().notifyResult(job.notification());
                log.info("notified: " + job.notification());
            } catch (IOException e) {
                log.info("the result of upgrade " + job.id() + " could not be posted yet: " + e.getMessage());
                return Optional.empty();
            }
        }
        OtaJob notified = job.notified(clock.instant());
        store.finish(notified);
        return Optional.of(notified);
    }

    private PackageDownload download() throws IOException {
        return new PackageDownload(client(), store, clock, sleeper, config.downloadAttempts(), minCheckpointEvery,
                checkpoints, log);
    }

    private InstallStep installStep() {
        return new InstallStep(config.installer(), config.gatewayConfig(), config.stateDir().resolve("installer"),
                Optional.of(config.backend().deviceId()), launchers, line -> log.info("sup-installer recover: "
                        + line));
    }

    private InstalledVersion installed() {
        return new InstalledVersion(config.installer(), config.gatewayConfig(), launchers,
                config.backend().packageName());
    }

    private BackendClient client() throws IOException {
        Optional<SSLContext> tls = config.caFile().isPresent() ? Optional.of(CaTrust.contextOf(config.caFile().get()))
                : Optional.empty();
        return new BackendClient(config.backend(), CONNECT_TIMEOUT, READ_TIMEOUT, tls);
    }
}
