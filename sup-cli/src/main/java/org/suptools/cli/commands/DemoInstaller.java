package org.suptools.cli.commands;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.suptools.cli.SupHome;
import org.suptools.installer.api.client.InstallerCall;
import org.suptools.installer.api.client.InstallerLauncher;
import org.suptools.installer.api.client.InstallerProcess;
import org.suptools.installer.api.client.InstallerRun;
import org.suptools.installer.api.client.InstallerSession;
import org.suptools.installer.api.report.ReportFiles;

/**
 * The installer half of {@code sup demo}: runs {@code bin/sup-installer} as a separate process (the
 * CLI does not depend on the installer, only on its contract, sup-installer-api). Its output goes
 * to files in the demo's work directory, followed as it grows (see {@link InstallerProcess}).
 */
final class DemoInstaller {

    /** System property naming the installer launcher; default {@code <sup.home>/bin/sup-installer}. */
    static final String PROPERTY = "sup.installer";
    static final String LAUNCHER = "bin/sup-installer";
    /** The sandbox launcher, beside the installer's: demo support from sample-packages, not part of the installer. */
    static final String SANDBOX_LAUNCHER = "sup-sandbox";

    private static final Duration TIMEOUT = Duration.ofMinutes(3);
    /** The demo installs as a campaign would, so the TR50 reply ends with the portal's mailbox.ack. */
    static final String MAILBOX_ID = "sup-demo-mailbox";

    private final Path launcher;
    private final Path work;

    private DemoInstaller(Path launcher, Path work) {
        this.launcher = launcher;
        this.work = work;
    }

    /** Where the launcher should be (the property, else the source tree's), whether or not it exists. */
    static Optional<Path> expectedLauncher() {
        String value = System.getProperty(PROPERTY);
        if (value != null && !value.isBlank()) {
            return Optional.of(Path.of(value));
        }
        return SupHome.find().map(home -> home.resolve(LAUNCHER));
    }

    static Optional<DemoInstaller> find(Path work) {
        return expectedLauncher().filter(Files::isExecutable)
                .map(path -> new DemoInstaller(DemoCommand.shown(path), work));
    }

    Path launcher() {
        return launcher;
    }

    Path work() {
        return work;
    }

    private DemoGateway gateway() {
        return new DemoGateway(work.resolve("gateway"));
    }

    /** Stops the sandbox runtime an earlier run left running, if it did; true when there was one. */
    boolean stopLeftRunning() throws IOException {
        return gateway().stopRuntimeIfRunning();
    }

    /**
     * The installer half: a fresh sandbox gateway in {@code <work>/gateway} trusting the demo key, the
     * install with its events followed, and the summary. Returns the exit code of the demo.
     */
    int demo(PrintWriter out, Path packageFile, Path publicKey, boolean stopAtEnd) throws IOException {
        DemoGateway gateway = gateway();
        out.println("The installer half, with " + launcher + " (a separate process):");
        if (stopLeftRunning()) {
            out.println("   stopped the sandbox runtime of the previous run");
        }
        deleteTree(gateway.dir());

        long sandboxStart = System.nanoTime();
        Path sandboxLauncher = launcher.resolveSibling(SANDBOX_LAUNCHER);
        if (!Files.isExecutable(sandboxLauncher)) {
            out.println("4. creating the sandbox gateway failed: the sandbox launcher " + sandboxLauncher
                    + " is not there, beside the installer's");
            out.flush();
            return 2;
        }
        InstallerProcess sandboxOutput = new InstallerProcess(work, "sandbox", TIMEOUT);
        int sandboxExit = createSandbox(sandboxLauncher, sandboxOutput, gateway, publicKey);
        if (sandboxExit != 0) {
            out.println("4. creating the sandbox gateway failed (exit " + sandboxExit + "):");
            out.print(DemoText.indent(Files.readString(sandboxOutput.out(), StandardCharsets.UTF_8)
                    + Files.readString(sandboxOutput.err(), StandardCharsets.UTF_8)));
            out.flush();
            return sandboxExit;
        }
        out.println("4. sandbox gateway " + gateway.config() + " ("
                + DemoText.seconds(Duration.ofNanos(System.nanoTime() - sandboxStart)) + "): sample runtime running in "
                + gateway.runtimeHome() + ", trusting " + publicKey);

        ReportFiles reports = gateway.reports();
        long auditBefore = Files.exists(reports.auditLog()) ? Files.size(reports.auditLog()) : 0;
        out.println("5. sup-installer install " + packageFile.getFileName() + " --config " + gateway.config()
                + " --mailbox-id " + MAILBOX_ID + " --events");
        out.println("   as a campaign starts it: the made-up mailbox id gets the mailbox.ack in the TR50 reply");
        out.flush();
        InstallerProcess installOutput = new InstallerProcess(work, "install", TIMEOUT);
        DemoProgress progress = new DemoProgress(out);
        long installStart = System.nanoTime();
        InstallerRun install = install(installOutput, packageFile, gateway, progress);
        out.println("   installer exit code " + install.exitCode() + " after "
                + DemoText.seconds(Duration.ofNanos(System.nanoTime() - installStart)));
        // All the installer wrote on standard error, its one-line summary as a rule.
        String stderr = Files.readString(installOutput.err(), StandardCharsets.UTF_8).strip();
        if (!stderr.isEmpty()) {
            out.print(DemoText.indent(stderr + "\n"));
        }

        new DemoSummary(packageFile, publicKey, gateway, reports, installOutput, auditBefore)
                .print(out, install, progress.rows());
        if (stopAtEnd) {
            int stopped = gateway.stopRuntime();
            out.println(stopped == 0 ? "The sandbox runtime is stopped (--stop)."
                    : "Stopping the sandbox runtime failed (exit " + stopped + "): " + gateway.stopCommand());
        } else {
            out.println("The sandbox runtime is still running, so you can look at it and install more on it:");
            out.println("  " + launcher + " status --config " + gateway.config());
            out.println("Stop it with:");
            out.println("  " + gateway.stopCommand());
            out.println("(or run the demo with --stop-only; a new run of the demo stops it first)");
        }
        out.flush();
        return install.exitCode();
    }

    /**
     * {@code sup-sandbox DIR --trust KEY}: a fresh sandbox gateway with the sample runtime
     * running; returns the exit code. The runtime it starts keeps its output files open, so they
     * are files, not pipes.
     */
    private int createSandbox(Path sandboxLauncher, InstallerProcess output, DemoGateway gateway, Path publicKey)
            throws IOException {
        InstallerLauncher.Running sandbox = output.start(List.of(sandboxLauncher.toAbsolutePath().toString(),
                gateway.dir().toAbsolutePath().toString(), "--trust", publicKey.toAbsolutePath().toString()));
        try {
            return sandbox.follow(line -> { });
        } catch (InterruptedException e) {
            throw interrupted(e);
        }
    }

    /** {@code sup-installer install FILE --config GATEWAY --events --mailbox-id ID}, its events told to progress. */
    private InstallerRun install(InstallerProcess output, Path packageFile, DemoGateway gateway, DemoProgress progress)
            throws IOException {
        InstallerCall call = InstallerCall.manual(List.of(launcher.toAbsolutePath().toString()),
                packageFile.toAbsolutePath(), gateway.config().toAbsolutePath(), false).forMailbox(MAILBOX_ID);
        try {
            return InstallerSession.start(output, call).follow(progress);
        } catch (InterruptedException e) {
            throw interrupted(e);
        }
    }

    /** The process was stopped when the wait was interrupted; the thread stays interrupted. */
    private InterruptedIOException interrupted(InterruptedException e) {
        Thread.currentThread().interrupt();
        InterruptedIOException failure = new InterruptedIOException("interrupted while " + launcher + " ran");
        failure.initCause(e);
        return failure;
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
