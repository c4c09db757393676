package org.suptools.cli.commands;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.suptools.installer.api.report.ReportFiles;

/**
 * The demo's sandbox gateway in {@code <work>/gateway}, laid out as the sandbox command makes it:
 * {@code gateway.yaml}, and the sample runtime's home {@code dwcore} with its control script.
 */
record DemoGateway(Path dir) {

    /** How long a {@code runtime-ctl} command (a stop, at the longest) may take before it is killed. */
    private static final long CTL_SECONDS = 60;

    Path config() {
        return dir.resolve("gateway.yaml");
    }

    Path runtimeHome() {
        return dir.resolve("dwcore");
    }

    Path ctl() {
        return runtimeHome().resolve("runtime/bin/runtime-ctl");
    }

    /** The command that stops the sample runtime, as the user can type it. */
    String stopCommand() {
        return ctl() + " stop " + runtimeHome();
    }

    /** True when a runtime of an earlier run may be there to stop. */
    boolean hasRuntime() {
        return Files.isExecutable(ctl());
    }

    /**
     * Where the installer leaves its reports, as the config says, with the paths under this
     * gateway written the way its folder was given (relative to the current directory, like the
     * demo's other paths).
     */
    ReportFiles reports() throws IOException {
        ReportFiles found = ReportFiles.forConfig(config());
        return new ReportFiles(asGiven(found.logsDir()), asGiven(found.stateDir()));
    }

    private Path asGiven(Path path) {
        Path absolute = dir.toAbsolutePath().normalize();
        return path.startsWith(absolute) ? dir.resolve(absolute.relativize(path)) : path;
    }

    /**
     * Runs {@code runtime-ctl stop}, its output discarded (it stops the runtime, it starts nothing
     * that could hold a pipe open); returns its exit code, -1 when it had to be killed.
     */
    int stopRuntime() throws IOException {
        return ctl("stop");
    }

    /** Stops the runtime of an earlier run if it runs; true when there was one to stop and it stopped. */
    boolean stopRuntimeIfRunning() throws IOException {
        // runtime-ctl status: 0 running and healthy, 1 not running, 2 running but unhealthy.
        return hasRuntime() && ctl("status") != 1 && stopRuntime() == 0;
    }

    private int ctl(String command) throws IOException {
        Process ctl = new ProcessBuilder(ctl().toAbsolutePath().toString(), command,
                runtimeHome().toAbsolutePath().toString())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            if (!ctl.waitFor(CTL_SECONDS, TimeUnit.SECONDS)) {
                ctl.destroyForcibly();
                return -1;
            }
        } catch (InterruptedException e) {
            ctl.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while running runtime-ctl " + command + " in "
                    + runtimeHome());
        }
        return ctl.exitValue();
    }
}
