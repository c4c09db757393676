package org.suptools.installer.runtime;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.suptools.installer.process.ProcessResult;
import org.suptools.installer.process.ProcessRunner;

/**
 * Controls the runtime with the gateway config's start, stop and status commands (see {@link
 * RuntimeCommands}).
 *
 * <p>{@link #start()} runs the start command, then the status command every poll interval until
 * it exits 0 or the health wait has passed. A runtime that started but never became healthy is
 * stopped again before {@code start()} throws, so that a failed start leaves nothing running (a
 * rollback that swaps the old runtime tree back must not find the broken runtime still up).
 *
 * <p>{@link #stop()} runs the stop command, then the status command until it says the runtime is
 * not running: any exit code but 0 (healthy) and 2 (running but unhealthy), within the command
 * timeout.
 *
 * <p>Messages say what happened in one line, for example {@code runtime did not become healthy
 * within 30s (status exit 2: unhealthy); stopped it again}.
 */
public final class CommandRuntimeControl implements RuntimeControl {

    /** A status run while waiting is never given less than this, even when the wait is almost over. */
    private static final Duration MIN_STATUS_TIMEOUT = Duration.ofSeconds(1);

    private final RuntimeCommands commands;
    private final ProcessRunner runner;

    public CommandRuntimeControl(RuntimeCommands commands, ProcessRunner runner) {
        this.commands = Objects.requireNonNull(commands, "commands");
        this.runner = Objects.requireNonNull(runner, "runner");
    }

    public CommandRuntimeControl(RuntimeCommands commands) {
        this(commands, new ProcessRunner());
    }

    public RuntimeCommands commands() {
        return commands;
    }

    /** True when the status command exits 0; false for any other exit or a timeout. */
    @Override
    public boolean isRunning() throws IOException {
        return status(commands.commandTimeout()).exitCode() == 0;
    }

    @Override
    public void start() throws IOException, RuntimeControlException {
        runOrFail("start", commands.start());
        long deadline = System.nanoTime() + commands.healthWait().toNanos();
        while (true) {
            ProcessResult status = statusOrFail(remaining(deadline));
            if (status.exitCode() == 0 && !status.timedOut()) {
                return;
            }
            if (System.nanoTime() - deadline >= 0) {
                throw new RuntimeControlException("runtime did not become healthy within "
                        + format(commands.healthWait()) + " (" + describeStatus(status) + "); " + stopAfterFailedStart());
            }
            pause(deadline);
        }
    }

    private String stopAfterFailedStart() throws InterruptedIOException {
        try {
            stop();
            return "stopped it again";
        } catch (InterruptedIOException e) {
            throw e;
        } catch (IOException | RuntimeControlException e) {
            return "stopping it failed too: " + e.getMessage();
        }
    }

    @Override
    public void stop() throws IOException, RuntimeControlException {
        runOrFail("stop", commands.stop());
        long deadline = System.nanoTime() + commands.commandTimeout().toNanos();
        while (true) {
            ProcessResult status = statusOrFail(remaining(deadline));
            if (!status.timedOut() && status.exitCode() != 0 && status.exitCode() != 2) {
                return;
            }
            if (System.nanoTime() - deadline >= 0) {
                throw new RuntimeControlException("runtime still running " + format(commands.commandTimeout())
                        + " after the stop command (" + describeStatus(status) + ")");
            }
            pause(deadline);
        }
    }

    private void runOrFail(String name, List<String> command) throws IOException, RuntimeControlException {
        ProcessResult result;
        try {
            result = run(command, commands.commandTimeout());
        } catch (InterruptedIOException e) {
            throw e;
        } catch (IOException e) {
            throw new RuntimeControlException(name + " command could not run: " + e.getMessage(), e);
        }
        if (result.timedOut()) {
            throw new RuntimeControlException(name + " command timed out after " + format(commands.commandTimeout())
                    + lastLine(result));
        }
        if (result.exitCode() != 0) {
            throw new RuntimeControlException(name + " command failed (exit " + result.exitCode() + ")" + lastLine(result));
        }
    }

    private ProcessResult statusOrFail(Duration timeout) throws IOException, RuntimeControlException {
        try {
            return status(timeout);
        } catch (InterruptedIOException e) {
            throw e;
        } catch (IOException e) {
            throw new RuntimeControlException("status command could not run: " + e.getMessage(), e);
        }
    }

    private ProcessResult status(Duration timeout) throws IOException {
        return run(commands.status(), timeout);
    }

    private ProcessResult run(List<String> command, Duration timeout) throws IOException {
        ProcessResult result = runner.run(command, commands.workingDirectory().orElse(null), commands.environment(), timeout);
        if (Thread.currentThread().isInterrupted()) {
            throw new InterruptedIOException("interrupted while running " + command.get(0));
        }
        return result;
    }

    /** What is left of the wait for one status run, but not less than {@link #MIN_STATUS_TIMEOUT} nor more than the command timeout. */
    private Duration remaining(long deadline) {
        Duration left = Duration.ofNanos(deadline - System.nanoTime());
        if (left.compareTo(MIN_STATUS_TIMEOUT) < 0) {
            left = MIN_STATUS_TIMEOUT;
        }
        return left.compareTo(commands.commandTimeout()) > 0 ? commands.commandTimeout() : left;
    }

    private void pause(long deadline) throws InterruptedIOException {
        long nanos = Math.min(commands.pollInterval().toNanos(), Math.max(0, deadline - System.nanoTime()));
        try {
            Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for the runtime");
        }
    }

    static String describeStatus(ProcessResult status) {
        if (status.timedOut()) {
            return "status command timed out";
        }
        String meaning = switch (status.exitCode()) {
            case 0 -> "healthy";
            case 1 -> "not running";
            case 2 -> "unhealthy";
            default -> "unknown state";
        };
        return "status exit " + status.exitCode() + ": " + meaning;
    }

    /** {@code 30s}, {@code 1m30s}, {@code 500ms}. */
    static String format(Duration duration) {
        if (duration.toMillis() % 1000 != 0) {
            return duration.toMillis() + "ms";
        }
        long seconds = duration.toSeconds();
        if (seconds >= 60 && seconds % 60 == 0) {
            return seconds / 60 + "m";
        }
        return seconds >= 60 ? seconds / 60 + "m" + seconds % 60 + "s" : seconds + "s";
    }

    private static String lastLine(ProcessResult result) {
        String[] lines = result.outputTail().strip().split("\n");
        String last = lines[lines.length - 1].strip();
        return last.isEmpty() ? "" : ": " + last;
    }
}
