package org.suptools.samples.sandbox;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import org.suptools.samples.runtime.RuntimeHomeLayout;

/**
 * Starts the sample runtime of a home and waits until it is healthy, as the installer's runtime
 * control does for a gateway: {@code runtime-ctl start}, then {@code runtime-ctl status} every
 * poll interval until it exits 0 or the health wait has passed. A runtime that started but never
 * became healthy is stopped again, so a failed sandbox leaves nothing running.
 */
final class RuntimeStarter {

    /** How long one runtime-ctl command may run: the installer's default command timeout. */
    static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(60);
    static final Duration POLL_INTERVAL = Duration.ofMillis(200);

    private final CommandRunner runner;
    private final Ticker ticker;

    RuntimeStarter(CommandRunner runner, Ticker ticker) {
        this.runner = Objects.requireNonNull(runner, "runner");
        this.ticker = Objects.requireNonNull(ticker, "ticker");
    }

    RuntimeStarter() {
        this(new CommandRunner.Processes(), Ticker.SYSTEM);
    }

    /** Starts the runtime of {@code home}; throws, with the runtime stopped, when it is not healthy within {@code healthWait}. */
    void start(Path home, Duration healthWait) throws IOException, SandboxException {
        CommandRunner.Result started = runner.run(RuntimeHomeLayout.command(home, "start"), COMMAND_TIMEOUT);
        if (!started.succeeded()) {
            throw new SandboxException(SandboxCommand.FAILED, "the sample runtime did not start: runtime-ctl start "
                    + started.describe());
        }
        long deadline = ticker.nanoTime() + healthWait.toNanos();
        while (true) {
            CommandRunner.Result status = runner.run(RuntimeHomeLayout.command(home, "status"), COMMAND_TIMEOUT);
            if (status.succeeded()) {
                return;
            }
            if (ticker.nanoTime() - deadline >= 0) {
                throw new SandboxException(SandboxCommand.FAILED, "the sample runtime did not become healthy within "
                        + shown(healthWait) + " (runtime-ctl status " + status.describe() + "); "
                        + stopAgain(home));
            }
            ticker.pause(POLL_INTERVAL);
        }
    }

    /** {@code 8s}, or {@code 1500ms} when not whole seconds: the way the option is written. */
    static String shown(Duration duration) {
        long millis = duration.toMillis();
        return millis % 1000 == 0 ? millis / 1000 + "s" : millis + "ms";
    }

    private String stopAgain(Path home) throws IOException {
        CommandRunner.Result stopped = runner.run(RuntimeHomeLayout.command(home, "stop"), COMMAND_TIMEOUT);
        return stopped.succeeded() ? "stopped it again" : "stopping it failed too: runtime-ctl stop " + stopped.describe();
    }

    /** The monotonic time and the pause between two status checks; a test passes a fake one. */
    interface Ticker {

        Ticker SYSTEM = new Ticker() {
            @Override
            public long nanoTime() {
                return System.nanoTime();
            }

            @Override
            public void pause(Duration duration) throws InterruptedIOException {
                try {
                    Thread.sleep(duration.toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException("interrupted while waiting for the sample runtime to be healthy");
                }
            }
        };

        long nanoTime();

        void pause(Duration duration) throws InterruptedIOException;
    }
}
