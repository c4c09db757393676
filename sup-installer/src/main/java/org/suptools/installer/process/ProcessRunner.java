package org.suptools.installer.process;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.apache.commons.exec.CommandLine;
import org.apache.commons.exec.DefaultExecutor;
import org.apache.commons.exec.ExecuteException;
import org.apache.commons.exec.ExecuteResultHandler;

/**
 * Runs external commands through Commons Exec, the way the installer needs them run: an argument
 * list with no shell in between, the installer's environment plus extra variables, a working
 * directory, and a timeout at which the command and every process it started are killed.
 *
 * <p>A run never throws because of how the command ended: a non-zero exit, a timeout or an
 * interruption is a {@link ProcessResult}. It throws {@link IOException} only when the command
 * cannot be started at all (no such program, not executable, no such working directory).
 *
 * <p>Standard output and standard error are combined line by line; the result keeps the last
 * {@value #DEFAULT_TAIL_CHARS} characters (memory stays bounded however much a command writes), and
 * an optional listener sees every line as it arrives, for live progress.
 *
 * <p>If the calling thread is interrupted while it waits, the command and its descendants are
 * killed, the result has exit code -1 and an {@code [interrupted]} line at the end of its output,
 * and the thread's interrupt flag is set again for the caller to see.
 *
 * <p>A command that exits while a background process it started still runs is reported once its
 * output has been quiet for {@link #OUTPUT_DRAIN_WAIT} after its exit, with its own exit code; if that process still held
 * the output open, a last line says the output was not read to its end. The background process is
 * left alone: only a timeout or an interruption kills a command's descendants.
 */
public final class ProcessRunner {

    /** How much of the combined output a result keeps, in characters. */
    public static final int DEFAULT_TAIL_CHARS = 4096;

    /** How long the output must stay quiet, after the command has exited, before it is no longer read. */
    public static final Duration OUTPUT_DRAIN_WAIT = Duration.ofSeconds(1);

    /** After an interrupt, how long to wait for the killed command to be reaped. */
    private static final Duration KILL_WAIT = Duration.ofSeconds(10);

    private final int tailChars;

    public ProcessRunner() {
        this(DEFAULT_TAIL_CHARS);
    }

    /** A runner whose results keep the last {@code tailChars} characters of output. */
    public ProcessRunner(int tailChars) {
        if (tailChars < 1) {
            throw new IllegalArgumentException("tailChars: must be at least 1, was " + tailChars);
        }
        this.tailChars = tailChars;
    }

    /** Runs {@code command} and waits for it; see the class description. */
    public ProcessResult run(List<String> command, Path workingDir, Map<String, String> extraEnvironment, Duration timeout)
            throws IOException {
        return run(command, workingDir, extraEnvironment, timeout, null);
    }

    /**
     * Runs {@code command} and waits for it, handing each output line to {@code outputLines} as it
     * arrives (from Commons Exec's pump threads, one call at a time; a listener that throws is
     * ignored). No line is handed on after this method returns.
     *
     * @param command          the program and its arguments, passed as they are (no shell, no quoting)
     * @param workingDir       the working directory; {@code null} for the installer's own
     * @param extraEnvironment variables added to (or replacing those of) the installer's environment
     * @param timeout          how long the command may run before it and its descendants are killed
     * @param outputLines      a listener for live output, or {@code null}
     * @throws IOException when the command cannot be started
     */
    public ProcessResult run(List<String> command, Path workingDir, Map<String, String> extraEnvironment, Duration timeout,
                             Consumer<String> outputLines) throws IOException {
        Objects.requireNonNull(command, "command");
        Objects.requireNonNull(timeout, "timeout");
        if (command.isEmpty() || command.get(0).isEmpty()) {
            throw new IllegalArgumentException("command: must name a program");
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout: must be positive, was " + timeout);
        }

        CommandLine commandLine = new CommandLine(command.get(0));
        for (String argument : command.subList(1, command.size())) {
            commandLine.addArgument(Objects.requireNonNull(argument, "command: null argument"), false);
        }
        Map<String, String> environment = new HashMap<>(System.getenv());
        if (extraEnvironment != null) {
            environment.putAll(extraEnvironment);
        }

        OutputTail tail = new OutputTail(tailChars, outputLines);
        TailStreamHandler streams = new TailStreamHandler(tail, OUTPUT_DRAIN_WAIT);
        TreeKillingWatchdog watchdog = new TreeKillingWatchdog(timeout);
        DefaultExecutor.Builder<?> builder = DefaultExecutor.builder().setExecuteStreamHandler(streams);
        if (workingDir != null) {
            builder.setWorkingDirectory(workingDir.toFile());
        }
        DefaultExecutor executor = builder.get();
        executor.setExitValues(null);
        executor.setWatchdog(watchdog);

        CompletableFuture<Integer> exit = new CompletableFuture<>();
        long started = System.nanoTime();
        try {
            executor.execute(commandLine, environment, new ExecuteResultHandler() {
                @Override
                public void onProcessComplete(int exitValue) {
                    exit.complete(exitValue);
                }

                @Override
                public void onProcessFailed(ExecuteException e) {
                    exit.completeExceptionally(e);
                }
            });
        } catch (IOException e) {
            throw cannotStart(command.get(0), workingDir, e);
        }

        boolean interrupted = false;
        Integer exitValue = null;
        Throwable failure = null;
        try {
            exitValue = exit.get();
        } catch (InterruptedException e) {
            interrupted = true;
            watchdog.cancel();
            try {
                exitValue = awaitUninterruptibly(exit);
            } catch (ExecutionException | TimeoutException afterKill) {
                failure = afterKill;
            }
        } catch (ExecutionException e) {
            failure = e.getCause();
        }
        Duration duration = Duration.ofNanos(System.nanoTime() - started);
        if (interrupted) {
            Thread.currentThread().interrupt();
        }

        Process process = watchdog.process();
        if (process == null && failure != null) {
            tail.close();
            throw cannotStart(command.get(0), workingDir, failure);
        }
        streams.finish();
        if (failure != null && process != null && !process.isAlive()) {
            // Started and exited, but the executor failed afterwards: the exit code still counts.
            exitValue = process.exitValue();
            tail.line("[" + failureText(failure) + "]");
        }
        if (streams.incomplete()) {
            tail.line("[output not read to its end: a background process still holds it open]");
        }
        if (interrupted) {
            tail.line("[interrupted: the command was killed]");
        }
        tail.close();
        if (interrupted) {
            return new ProcessResult(-1, false, tail.text(), duration);
        }
        if (watchdog.timedOut()) {
            return new ProcessResult(-1, true, tail.text(), duration);
        }
        return new ProcessResult(exitValue == null ? -1 : exitValue, false, tail.text(), duration);
    }

    private static Integer awaitUninterruptibly(CompletableFuture<Integer> exit) throws ExecutionException, TimeoutException {
        long deadline = System.nanoTime() + KILL_WAIT.toNanos();
        while (true) {
            try {
                return exit.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (InterruptedException again) {
                // Keep waiting for the kill to land; the flag is restored by the caller.
            }
        }
    }

    private static IOException cannotStart(String program, Path workingDir, Throwable failure) {
        Throwable cause = failure instanceof ExecuteException && failure.getCause() != null ? failure.getCause() : failure;
        String where = workingDir == null ? "" : " in " + workingDir;
        return new IOException("cannot start " + program + where + ": " + cause.getMessage(), cause);
    }

    private static String failureText(Throwable failure) {
        Throwable cause = failure.getCause() != null ? failure.getCause() : failure;
        return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    }
}
