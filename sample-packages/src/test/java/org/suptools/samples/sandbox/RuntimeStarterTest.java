package org.suptools.samples.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The wait for a healthy runtime, on scripted runtime-ctl results and a fake clock. */
class RuntimeStarterTest {

    static final Path HOME = Path.of("/gw/dwcore");

    /** runtime-ctl as scripted: each verb answers its queued results in turn, the last one for ever. */
    static final class ScriptedCtl implements CommandRunner {
        final List<String> verbs = new ArrayList<>();
        final Deque<CommandRunner.Result> starts = new ArrayDeque<>();
        final Deque<CommandRunner.Result> statuses = new ArrayDeque<>();
        CommandRunner.Result stop = ok("stopped (pid 42)");

        @Override
        public Result run(List<String> command, Duration timeout) {
            assertThat(command).containsExactly("/gw/dwcore/runtime/bin/runtime-ctl", command.get(1), "/gw/dwcore");
            assertThat(timeout).isEqualTo(RuntimeStarter.COMMAND_TIMEOUT);
            String verb = command.get(1);
            verbs.add(verb);
            return switch (verb) {
                case "start" -> next(starts);
                case "status" -> next(statuses);
                default -> stop;
            };
        }

        private static CommandRunner.Result next(Deque<CommandRunner.Result> results) {
            return results.size() > 1 ? results.removeFirst() : results.getFirst();
        }
    }

    /** Time passes only when the starter pauses. */
    static final class FakeTicker implements RuntimeStarter.Ticker {
        long now = 1_000;
        final List<Duration> pauses = new ArrayList<>();

        @Override
        public long nanoTime() {
            return now;
        }

        @Override
        public void pause(Duration duration) {
            pauses.add(duration);
            now += duration.toNanos();
        }
    }

    static CommandRunner.Result ok(String line) {
        return new CommandRunner.Result(0, false, line);
    }

    static CommandRunner.Result exit(int code, String line) {
        return new CommandRunner.Result(code, false, line);
    }

    final ScriptedCtl ctl = new ScriptedCtl();
    final FakeTicker ticker = new FakeTicker();
    final RuntimeStarter starter = new RuntimeStarter(ctl, ticker);

    @Test
    void start_pollsTheStatusUntilHealthy() throws Exception {
        ctl.starts.add(ok("started (pid 42)"));
        ctl.statuses.add(exit(2, "running (pid 42), health endpoint not answering"));
        ctl.statuses.add(exit(2, "running (pid 42), health endpoint not answering"));
        ctl.statuses.add(ok("running (pid 42), healthy"));

        starter.start(HOME, Duration.ofSeconds(8));

        assertThat(ctl.verbs).containsExactly("start", "status", "status", "status");
        assertThat(ticker.pauses).containsExactly(RuntimeStarter.POLL_INTERVAL, RuntimeStarter.POLL_INTERVAL);
    }

    @Test
    void start_neverHealthy_stopsTheRuntimeAgainAfterTheWait_andSaysWhy() {
        ctl.starts.add(ok("started (pid 42)"));
        ctl.statuses.add(exit(2, "running (pid 42), unhealthy (HTTP 503)"));

        assertThatThrownBy(() -> starter.start(HOME, Duration.ofSeconds(2)))
                .isInstanceOfSatisfying(SandboxException.class, e -> assertThat(e.exitCode()).isEqualTo(1))
                .hasMessage("the sample runtime did not become healthy within 2s (runtime-ctl status exit 2: "
                        + "running (pid 42), unhealthy (HTTP 503)); stopped it again");

        assertThat(ctl.verbs).startsWith("start", "status").endsWith("status", "stop");
        assertThat(ticker.pauses).hasSize(10);
    }

    @Test
    void start_neverHealthy_andTheStopFailsToo_saysBoth() {
        ctl.starts.add(ok("started (pid 42)"));
        ctl.statuses.add(new CommandRunner.Result(-1, true, ""));
        ctl.stop = exit(1, "runtime-ctl: cannot stop pid 42");

        assertThatThrownBy(() -> starter.start(HOME, Duration.ofMillis(500)))
                .hasMessage("the sample runtime did not become healthy within 500ms (runtime-ctl status timed out); "
                        + "stopping it failed too: runtime-ctl stop exit 1: runtime-ctl: cannot stop pid 42");
    }

    @Test
    void start_whoseStartCommandFails_checksNoStatus() {
        ctl.starts.add(exit(1, "runtime-ctl: the runtime exited at start; last lines of logs/runtime.out:"));

        assertThatThrownBy(() -> starter.start(HOME, Duration.ofSeconds(8)))
                .isInstanceOfSatisfying(SandboxException.class, e -> assertThat(e.exitCode()).isEqualTo(1))
                .hasMessage("the sample runtime did not start: runtime-ctl start exit 1: "
                        + "runtime-ctl: the runtime exited at start; last lines of logs/runtime.out:");
        assertThat(ctl.verbs).containsExactly("start");
    }
}
