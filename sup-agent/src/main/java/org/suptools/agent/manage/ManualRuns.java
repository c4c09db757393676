package org.suptools.agent.manage;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.suptools.agent.AgentLog;
import org.suptools.agent.store.Durable;
import org.suptools.agent.update.InstallGate;
import org.suptools.installer.api.client.InstallerCall;
import org.suptools.installer.api.client.InstallerLauncher;
import org.suptools.installer.api.client.InstallerRun;
import org.suptools.installer.api.client.InstallerSession;
import org.suptools.installer.api.client.InstallerWatcher;
import org.suptools.installer.api.event.InstallEvent;

/**
 * The manual installs asked for through the management endpoint. Each runs {@code sup-installer
 * install --events} as a separate process, as the Workbench does on its own machine: no campaign,
 * no mailbox message, so nothing is reported to the portal; the agent's log says what ran and how
 * it ended. A run holds the {@link InstallGate} from start to end, so it never overlaps a
 * campaign's install; it goes on to its end when the client that asked for it goes away.
 */
public final class ManualRuns implements AutoCloseable {

    static final String PACKAGE = "package.sup";
    static final String UPLOAD = "package.sup.part";
    /** Runs kept on disk for a client to read again; older ones are deleted as new ones come. */
    static final int KEPT = 20;
    private static final Pattern ID = Pattern.compile("[0-9a-f]{16}");
    private static final int COPY_BUFFER = 64 * 1024;

    /** What an upload came to. */
    public sealed interface Upload {
        record Received(String id, Path dir, Path file, long size) implements Upload {
        }

        /** The body ended before its declared length, or could not be read: nothing was kept. */
        record Dropped(String why) implements Upload {
        }
    }

    private final Path runsDir;
    private final Function<Path, InstallerLauncher> launchers;
    private final List<String> installer;
    private final Path gatewayConfig;
    private final InstallGate gate;
    private final AgentLog log;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, ManualRun> runs = new ConcurrentHashMap<>();
    private final ExecutorService workers = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "sup-agent-manual-install");
        thread.setDaemon(true);
        return thread;
    });

    /**
     * @param launchers starts the installer for a run, its output files in the run's folder
     * @param installer the installer's launcher command
     */
    public ManualRuns(Path runsDir, Function<Path, InstallerLauncher> launchers, List<String> installer,
            Path gatewayConfig, InstallGate gate, AgentLog log, Clock clock) throws IOException {
        this.runsDir = runsDir;
        this.launchers = launchers;
        this.installer = List.copyOf(installer);
        this.gatewayConfig = gatewayConfig;
        this.gate = gate;
        this.log = log;
        this.clock = clock;
        Files.createDirectories(runsDir);
        deleteUnfinishedUploads();
    }

    public boolean busy() {
        return gate.busy();
    }

    /**
     * Streams a package body of exactly {@code length} bytes into a new run folder and forces it to
     * disk. A body that ends early (a dropped connection) or cannot be read leaves nothing behind.
     */
    public Upload receive(InputStream body, long length) throws IOException {
        String id = newId();
        Path dir = runsDir.resolve(id);
        Files.createDirectories(dir);
        Path part = dir.resolve(UPLOAD);
        long copied = 0;
        try (OutputStream out = Files.newOutputStream(part)) {
            byte[] buffer = new byte[COPY_BUFFER];
            while (copied < length) {
                int n = body.read(buffer, 0, (int) Math.min(buffer.length, length - copied));
                if (n < 0) {
                    break;
                }
                out.write(buffer, 0, n);
                copied += n;
            }
        } catch (IOException e) {
            deleteRun(dir);
            return new Upload.Dropped("the upload broke off after " + copied + " of " + length + " bytes: "
                    + e.getMessage());
        }
        if (copied < length) {
            deleteRun(dir);
            return new Upload.Dropped("the upload ended after " + copied + " of " + length + " bytes");
        }
        try (FileChannel channel = FileChannel.open(part, StandardOpenOption.WRITE)) {
            channel.force(true);
        }
        Path file = dir.resolve(PACKAGE);
        Durable.move(part, file);
        return new Upload.Received(id, dir, file, copied);
    }

    /** Throws away an upload that will not run. */
    public void discard(Upload.Received upload) throws IOException {
        deleteRun(upload.dir());
    }

    /**
     * Starts the installer on an uploaded package, unless another install holds the gateway: then
     * empty, and the upload is deleted.
     */
    public Optional<ManualRun> start(Upload.Received upload, String fileName, boolean dryRun, String client)
            throws IOException {
        if (!gate.tryEnter()) {
            deleteRun(upload.dir());
            return Optional.empty();
        }
        ManualRun run;
        try {
            run = ManualRun.begin(upload.dir(), new RunInfo(upload.id(), fileName, upload.size(), dryRun, client,
                    clock.instant()));
        } catch (IOException | RuntimeException e) {
            gate.leave();
            deleteRun(upload.dir());
            throw e;
        }
        runs.put(upload.id(), run);
        log.info("manual " + (dryRun ? "dry run " : "install ") + upload.id() + " of " + fileName + " ("
                + upload.size() + " bytes) asked by " + client + " through the management endpoint; not reported to"
                + " any campaign");
        try {
            workers.execute(() -> runAndLeave(run, upload.file()));
        } catch (RuntimeException e) {
            gate.leave();
            throw e;
        }
        prune();
        return Optional.of(run);
    }

    /** A run of this start of the agent or of an earlier one; empty for an unknown or malformed id. */
    public Optional<ManualRun> find(String id) throws IOException {
        if (!ID.matcher(id).matches()) {
            return Optional.empty();
        }
        ManualRun known = runs.get(id);
        if (known != null) {
            return Optional.of(known);
        }
        Path dir = runsDir.resolve(id);
        if (!Files.isRegularFile(dir.resolve(ManualRun.INFO))) {
            return Optional.empty();
        }
        return Optional.of(ManualRun.load(dir, clock.instant()));
    }

    private void runAndLeave(ManualRun run, Path file) {
        try {
            RunEnd end = run(run, file);
            run.finish(end);
            log.info("manual " + (run.info().dryRun() ? "dry run " : "install ") + run.info().id() + " of "
                    + run.info().fileName() + " ended with exit code " + end.exitCode()
                    + (end.stderr().isBlank() ? "" : ": " + lastLine(end.stderr())));
        } catch (IOException | RuntimeException e) {
            log.info("manual install " + run.info().id() + ": its record could not be kept: " + e);
        } finally {
            gate.leave();
        }
    }

    private RunEnd run(ManualRun run, Path file) {
        RunReports reports = RunReports.before(gatewayConfig);
        InstallerCall call = InstallerCall.manual(installer, file, gatewayConfig, run.info().dryRun());
        InstallerRun result;
        String[] installId = {""};
        try {
            InstallerSession session = InstallerSession.start(launchers.apply(run.dir()), call);
            result = session.follow(new InstallerWatcher() {
                @Override
                public void line(String line) {
                    try {
                        run.append(line);
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                }

                @Override
                public void started(InstallEvent.Started event) {
                    installId[0] = event.installId() == null ? "" : event.installId();
                }
            });
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new RunEnd(-1, installId[0], "the agent stopped while it followed the installer", "", List.of(),
                    clock.instant());
        } catch (IOException | RuntimeException e) {
            return new RunEnd(-1, installId[0], "sup-installer: the installer could not be run: " + e.getMessage(),
                    "", List.of(), clock.instant());
        }
        boolean wroteReports = !run.info().dryRun() && !installId[0].isEmpty();
        return new RunEnd(result.exitCode(), installId[0], result.stderr(),
                wroteReports ? reports.confirmation(installId[0]) : "",
                wroteReports ? reports.auditLinesSince() : List.of(), clock.instant());
    }

    private static String lastLine(String text) {
        List<String> lines = text.strip().lines().toList();
        return lines.isEmpty() ? "" : lines.get(lines.size() - 1);
    }

    private String newId() {
        byte[] bytes = new byte[8];
        random.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    /** Keeps the newest {@link #KEPT} finished runs. */
    private void prune() throws IOException {
        List<Path> finished;
        try (Stream<Path> dirs = Files.list(runsDir)) {
            finished = dirs.filter(dir -> Files.isRegularFile(dir.resolve(ManualRun.END)))
                    .sorted(Comparator.comparing(ManualRuns::modified).reversed()).toList();
        }
        for (Path dir : finished.subList(Math.min(KEPT, finished.size()), finished.size())) {
            runs.remove(dir.getFileName().toString());
            deleteRun(dir);
        }
    }

    private static long modified(Path dir) {
        try {
            return Files.getLastModifiedTime(dir.resolve(ManualRun.END)).toMillis();
        } catch (IOException e) {
            return 0;
        }
    }

    /** An upload cut by a stop of the agent leaves a folder with a part file and no run: gone at the next start. */
    private void deleteUnfinishedUploads() throws IOException {
        try (Stream<Path> dirs = Files.list(runsDir)) {
            for (Path dir : dirs.filter(d -> !Files.isRegularFile(d.resolve(ManualRun.INFO))).toList()) {
                deleteRun(dir);
            }
        }
    }

    private static void deleteRun(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        }
    }

    @Override
    public void close() {
        // Never interrupts a run: the installer finishes or rolls back by itself.
        workers.shutdown();
    }
}
