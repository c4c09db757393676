package org.suptools.agent;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.SSLContext;
import org.suptools.agent.config.AgentConfig;
import org.suptools.agent.config.CaTrust;
import org.suptools.agent.download.Downloader;
import org.suptools.agent.download.HttpFileSource;
import org.suptools.agent.download.PortalFileIds;
import org.suptools.agent.download.Sleeper;
import org.suptools.agent.job.UpdateJob;
import org.suptools.agent.link.Tr50Link;
import org.suptools.agent.manage.ManageServer;
import org.suptools.agent.manage.ManualRuns;
import org.suptools.agent.store.ApprovalInbox;
import org.suptools.agent.store.JobStore;
import org.suptools.agent.store.Outbox;
import org.suptools.agent.download.ThrottledFileSource;
import org.suptools.agent.update.CheckTimer;
import org.suptools.agent.update.InstallGate;
import org.suptools.agent.update.InstallStep;
import org.suptools.agent.update.InstallerDescription;
import org.suptools.agent.update.SelfCheck;
import org.suptools.agent.update.UpdateAgent;
import org.suptools.installer.api.client.InstallerProcess;
import org.suptools.tr50.MailboxUpdate;
import org.suptools.tr50.Tr50Request;

/** The agent's parts, made from its config and the state directory's layout. */
public final class AgentAssembly {

    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(15);
    static final Duration READ_TIMEOUT = Duration.ofSeconds(60);

    private AgentAssembly() {
    }

    public static JobStore jobs(AgentConfig config) {
        return new JobStore(config.stateDir().resolve("jobs"));
    }

    public static Outbox outbox(AgentConfig config) {
        return new Outbox(config.stateDir().resolve("outbox"));
    }

    public static ApprovalInbox approvalInbox(AgentConfig config) {
        return new ApprovalInbox(config.stateDir().resolve("approvals"));
    }

    public static UpdateAgent agent(AgentConfig config, Tr50Link link, Clock clock, AgentLog log) throws IOException {
        return agent(config, link, clock, log, new InstallGate());
    }

    /** As above; the campaign installs take turns with the management endpoint's through {@code gate}. */
    public static UpdateAgent agent(AgentConfig config, Tr50Link link, Clock clock, AgentLog log, InstallGate gate)
            throws IOException {
        JobStore jobs = jobs(config);
        Optional<SSLContext> tls = config.caFile().isPresent() ? Optional.of(CaTrust.contextOf(config.caFile().get()))
                : Optional.empty();
        Downloader downloader = new Downloader(new PortalFileIds(link),
                ThrottledFileSource.of(new HttpFileSource(config.fileEndpoint(), CONNECT_TIMEOUT, READ_TIMEOUT, tls),
                        config.checks().throttle()), jobs,
                config.stateDir().resolve("downloads"), clock, Sleeper.REAL,
                new Downloader.RetryPolicy(config.downloadAttempts(), Duration.ofSeconds(2), Duration.ofMinutes(1)),
                new TenthsProgress(link, log, config.downloadAttempts()));
        Path installerDir = config.stateDir().resolve("installer");
        InstallStep installer = new InstallStep(config.installer(), config.gatewayConfig(), installerDir,
                Optional.of(config.thingKey()), InstallStep.Launchers.processes(installerDir, config.installTimeout()),
                line -> log.info("sup-installer recover: " + line), gate);
        return new UpdateAgent(jobs, outbox(config), downloader, installer, link, clock, log, config.stagePolicy(),
                Optional.of(approvalInbox(config)), Optional.of(selfCheck(config, installerDir)));
    }

    /** The agent's own update checks: the timer and the releases taken under {@code checks/}. */
    static SelfCheck selfCheck(AgentConfig config, Path installerDir) {
        Path dir = config.stateDir().resolve("checks");
        CheckTimer timer = new CheckTimer(dir.resolve("timer.json"), config.checks(), config.checkPeriod(),
                config.checkJitter(), new java.util.Random());
        return new SelfCheck(dir, config.checks(), timer, new InstallerDescription(config.installer(),
                config.gatewayConfig(), InstallStep.Launchers.processes(installerDir, Duration.ofMinutes(2)),
                config.thingKey()));
    }

    /** Where the management endpoint keeps its manual runs: {@code <stateDir>/manage/runs}. */
    public static Path manualRunsDir(AgentConfig config) {
        return config.stateDir().resolve("manage").resolve("runs");
    }

    /**
     * The management endpoint when the config enables it, started; a no-op otherwise. Its runs
     * take turns with the campaign installs through {@code gate}.
     */
    public static AutoCloseable endpoint(AgentConfig config, InstallGate gate, Clock clock, AgentLog log)
            throws IOException {
        if (config.manage().isEmpty()) {
            return () -> {
            };
        }
        Path manageDir = config.stateDir().resolve("manage");
        ManualRuns runs = new ManualRuns(manualRunsDir(config),
                runDir -> new InstallerProcess(runDir, "install", config.installTimeout()), config.installer(),
                config.gatewayConfig(), gate, log, clock);
        try {
            return ManageServer.start(config.manage().get(), manageDir, runs, config.installer(),
                    config.gatewayConfig(), manageDir, config.thingKey(), log);
        } catch (IOException | RuntimeException e) {
            runs.close();
            throw e;
        }
    }

    /** {@code mailbox.update} at each tenth of a download, not at every checkpoint; a log line for each failed attempt. */
    private static final class TenthsProgress implements Downloader.Progress {
        private final Tr50Link link;
        private final AgentLog log;
        private final int attempts;
        private final Map<String, Long> lastTenth = new ConcurrentHashMap<>();

        TenthsProgress(Tr50Link link, AgentLog log, int attempts) {
            this.link = link;
            this.log = log;
            this.attempts = attempts;
        }

        @Override
        public void attemptFailed(UpdateJob job, String problem) {
            log.info("download of " + job.packageName().orElse("") + ".sup, attempt " + job.downloadAttempts() + " of "
                    + attempts + ": " + problem);
        }

        @Override
        public void at(UpdateJob job, long bytes, long total) {
            if (SelfCheck.isCheck(job)) {
                // No mailbox message to tell: a check job's progress shows in its state and the log.
                return;
            }
            long tenth = total == 0 ? 10 : bytes * 10 / total;
            Long last = lastTenth.put(job.mailboxId(), tenth);
            if (last == null || last != tenth) {
                link.post(Tr50Request.of(new MailboxUpdate(job.mailboxId(), "downloading "
                        + job.packageName().orElse("") + ".sup: " + tenth * 10 + "%")));
            }
        }
    }
}
