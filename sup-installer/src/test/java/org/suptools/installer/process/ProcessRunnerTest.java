package org.suptools.installer.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Real processes, no mocks: the runner is only as good as what it does to them. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ProcessRunnerTest {

    private static final Duration TEN_SECONDS = Duration.ofSeconds(10);
    private static final Pattern PID_LINE = Pattern.compile("pid (\\d+)");

    @TempDir
    Path dir;

    private final ProcessRunner runner = new ProcessRunner();
    private final List<Long> pidsToReap = new ArrayList<>();

    @AfterEach
    void killLeftovers() {
        pidsToReap.forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
    }

    @Test
    void run_reportsTheExitCodeWithoutThrowing() throws IOException {
        assertThat(runner.run(sh("exit 0"), dir, Map.of(), TEN_SECONDS).exitCode()).isZero();

        ProcessResult failed = runner.run(sh("echo nope; exit 7"), dir, Map.of(), TEN_SECONDS);

        assertThat(failed.exitCode()).isEqualTo(7);
        assertThat(failed.timedOut()).isFalse();
        assertThat(failed.outputTail()).isEqualTo("nope");
        assertThat(failed.succeeded(List.of(0))).isFalse();
        assertThat(failed.succeeded(List.of(0, 7))).isTrue();
    }

    @Test
    void run_combinesStandardOutputAndErrorLineByLine() throws IOException {
        ProcessResult result = runner.run(sh("echo out1; echo err1 >&2; echo out2; printf 'no newline'"), dir, Map.of(), TEN_SECONDS);

        assertThat(result.outputTail().split("\n")).containsExactlyInAnyOrder("out1", "err1", "out2", "no newline");
    }

    @Test
    void run_passesArgumentsAsTheyAreWithoutAShell() throws IOException {
        List<String> arguments = List.of("two words", "\"quoted\"", "'single'", "${HOME}", "$PATH", "*", "a;b", "back\\slash", "");
        List<String> command = new ArrayList<>(List.of("printf", "[%s]\\n"));
        command.addAll(arguments);

        ProcessResult result = runner.run(command, dir, Map.of(), TEN_SECONDS);

        assertThat(result.exitCode()).isZero();
        assertThat(result.outputTail().split("\n"))
                .containsExactlyElementsOf(arguments.stream().map(a -> "[" + a + "]").toList());
    }

    @Test
    void run_startsAProgramWhosePathHasSpaces() throws IOException {
        Path script = Files.writeString(Files.createDirectories(dir.resolve("my scripts")).resolve("say hello.sh"),
                "#!/bin/sh\necho \"hello $1\"\n");
        script.toFile().setExecutable(true);

        ProcessResult result = runner.run(List.of(script.toString(), "gateway one"), dir, Map.of(), TEN_SECONDS);

        assertThat(result.outputTail()).isEqualTo("hello gateway one");
    }

    @Test
    void run_addsExtraVariablesToTheInheritedEnvironment() throws IOException {
        ProcessResult result = runner.run(sh("echo \"$SUP_TEST_EXTRA|$SUP_TEST_HOME|${PATH:+path set}\""), dir,
                Map.of("SUP_TEST_EXTRA", "extra value", "SUP_TEST_HOME", "/opt/dw/dwcore"), TEN_SECONDS);

        assertThat(result.outputTail()).isEqualTo("extra value|/opt/dw/dwcore|path set");
    }

    @Test
    void run_extraVariablesOverrideInheritedOnes() throws IOException {
        ProcessResult result = runner.run(sh("echo \"$PATH\""), dir, Map.of("PATH", "/usr/bin:/bin:/sup-test"), TEN_SECONDS);

        assertThat(result.outputTail()).isEqualTo("/usr/bin:/bin:/sup-test");
    }

    @Test
    void run_startsInTheWorkingDirectory() throws IOException {
        Path work = Files.createDirectories(dir.resolve("work dir"));

        ProcessResult result = runner.run(List.of("pwd", "-P"), work, Map.of(), TEN_SECONDS);

        assertThat(result.outputTail()).isEqualTo(work.toRealPath().toString());
    }

    @Test
    void run_keepsOnlyTheTailOfALongOutput() throws IOException {
        List<String> seen = new CopyOnWriteArrayList<>();

        ProcessResult result = runner.run(sh("i=1; while [ $i -le 20000 ]; do echo \"line $i\"; i=$((i+1)); done"),
                dir, Map.of(), TEN_SECONDS, seen::add);

        assertThat(result.exitCode()).isZero();
        assertThat(result.outputTail().length()).isLessThanOrEqualTo(ProcessRunner.DEFAULT_TAIL_CHARS);
        assertThat(result.outputTail()).endsWith("line 19999\nline 20000").doesNotContain("line 1\n");
        assertThat(seen).hasSize(20000);
        assertThat(seen.get(0)).isEqualTo("line 1");
        assertThat(seen.get(19999)).isEqualTo("line 20000");
    }

    @Test
    void run_keepsTheTailBoundedForOutputWithoutNewlines() throws IOException {
        ProcessResult result = runner.run(sh("head -c 3000000 /dev/zero | tr '\\0' x; echo; echo end"), dir, Map.of(), TEN_SECONDS);

        assertThat(result.exitCode()).isZero();
        assertThat(result.outputTail()).hasSizeLessThanOrEqualTo(ProcessRunner.DEFAULT_TAIL_CHARS).endsWith("xxx\nend");
    }

    @Test
    void run_honoursASmallerTail() throws IOException {
        ProcessResult result = new ProcessRunner(10).run(sh("echo 0123456789abcdef"), dir, Map.of(), TEN_SECONDS);

        assertThat(result.outputTail()).isEqualTo("6789abcdef");
    }

    @Test
    void run_killsAHangingCommandAndItsChildrenAtTheTimeout() throws IOException {
        // The shell starts two sleeps and waits: killing only the shell would leave both running
        // and holding the output pipe, and the run would never end.
        List<String> hang = sh("sleep 600 & echo \"pid $!\"; sleep 600 & echo \"pid $!\"; wait");

        ProcessResult result = runner.run(hang, dir, Map.of(), Duration.ofSeconds(1));

        assertThat(result.timedOut()).isTrue();
        assertThat(result.exitCode()).isEqualTo(-1);
        assertThat(result.duration()).isBetween(Duration.ofMillis(900), Duration.ofSeconds(5));
        List<Long> children = pids(result.outputTail());
        assertThat(children).hasSize(2);
        for (long child : children) {
            assertThat(gone(child)).as("child %d killed", child).isTrue();
        }
    }

    @Test
    void run_killsADirectlyHangingProgramAtTheTimeout() throws IOException {
        ProcessResult result = runner.run(List.of("sleep", "600"), dir, Map.of(), Duration.ofSeconds(1));

        assertThat(result.timedOut()).isTrue();
        assertThat(result.duration()).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void run_whenInterruptedKillsTheCommandAndKeepsTheInterruptFlag() throws Exception {
        CompletableFuture<String> started = new CompletableFuture<>();
        CompletableFuture<Boolean> flagAfterRun = new CompletableFuture<>();
        List<ProcessResult> results = Collections.synchronizedList(new ArrayList<>());
        Thread caller = new Thread(() -> {
            try {
                results.add(runner.run(sh("sleep 600 & echo \"pid $!\"; wait; echo \"not reached\""), dir, Map.of(),
                        Duration.ofSeconds(60), started::complete));
                flagAfterRun.complete(Thread.currentThread().isInterrupted());
            } catch (IOException e) {
                flagAfterRun.completeExceptionally(e);
            }
        });
        caller.start();
        String firstLine = started.get(10, TimeUnit.SECONDS);
        long sleep = pids(firstLine).get(0);
        pidsToReap.add(sleep);

        caller.interrupt();
        caller.join(10_000);

        assertThat(caller.isAlive()).isFalse();
        assertThat(flagAfterRun.get()).as("interrupt flag restored").isTrue();
        ProcessResult result = results.get(0);
        assertThat(result.exitCode()).isEqualTo(-1);
        assertThat(result.timedOut()).isFalse();
        assertThat(result.outputTail()).contains("[interrupted").doesNotContain("not reached");
        assertThat(result.duration()).isLessThan(Duration.ofSeconds(10));
        assertThat(gone(sleep)).as("the shell's child killed").isTrue();
    }

    @Test
    void run_returnsWhenTheCommandExitsThoughABackgroundChildStillRuns() throws IOException {
        ProcessResult result = runner.run(sh("sleep 30 & echo \"pid $!\"; echo done; exit 3"), dir, Map.of(), TEN_SECONDS);
        pidsToReap.addAll(pids(result.outputTail()));

        assertThat(result.exitCode()).isEqualTo(3);
        assertThat(result.timedOut()).isFalse();
        assertThat(result.outputTail()).contains("done");
        assertThat(result.duration()).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void run_throwsWhenTheProgramDoesNotExist() {
        Path missing = dir.resolve("no-such-program");

        assertThatThrownBy(() -> runner.run(List.of(missing.toString(), "arg"), dir, Map.of(), TEN_SECONDS))
                .isInstanceOf(IOException.class)
                .hasMessageStartingWith("cannot start " + missing)
                .hasMessageContaining("No such file");
    }

    @Test
    void run_throwsWhenTheProgramIsNotExecutable() throws IOException {
        Path script = Files.writeString(dir.resolve("plain.sh"), "#!/bin/sh\necho hi\n");

        assertThatThrownBy(() -> runner.run(List.of(script.toString()), dir, Map.of(), TEN_SECONDS))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("Permission denied");
    }

    @Test
    void run_throwsWhenTheWorkingDirectoryDoesNotExist() {
        Path nowhere = dir.resolve("nowhere");

        assertThatThrownBy(() -> runner.run(List.of("true"), nowhere, Map.of(), TEN_SECONDS))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("cannot start true in " + nowhere);
    }

    @Test
    void run_ignoresAListenerThatThrows() throws IOException {
        ProcessResult result = runner.run(sh("echo a; echo b"), dir, Map.of(), TEN_SECONDS, line -> {
            throw new IllegalStateException("listener broken");
        });

        assertThat(result.exitCode()).isZero();
        assertThat(result.outputTail()).isEqualTo("a\nb");
    }

    @Test
    void run_refusesAnEmptyCommandOrTimeout() {
        assertThatThrownBy(() -> runner.run(List.of(), dir, Map.of(), TEN_SECONDS))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("command");
        assertThatThrownBy(() -> runner.run(List.of("true"), dir, Map.of(), Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("timeout");
    }

    private static List<String> sh(String script) {
        return List.of("sh", "-c", script);
    }

    private static List<Long> pids(String output) {
        List<Long> pids = new ArrayList<>();
        Matcher matcher = PID_LINE.matcher(output);
        while (matcher.find()) {
            pids.add(Long.parseLong(matcher.group(1)));
        }
        return pids;
    }

    /** True once the process has ended; a zombie not yet reaped by init counts as alive, so poll. */
    private static boolean gone(long pid) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (System.nanoTime() < deadline) {
            if (ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true)) {
                return true;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return false;
    }
}
