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

    /** How long {@code runtime-ctl stop} may take before it is killed. */
    private static final long STOP_SECONDS = 60;

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
        Process stopping = new ProcessBuilder(ctl().toAbsolutePath().toString(), "stop",
                runtimeHome().toAbsolutePath().toString())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            if (!stopping.waitFor(STOP_SECONDS, TimeUnit.SECONDS)) {
                stopping.destroyForcibly();
                return -1;
            }
        } catch (InterruptedException e) {
            stopping.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while stopping the sandbox runtime in " + runtimeHome());
        }
        return stopping.exitValue();
    }
}
