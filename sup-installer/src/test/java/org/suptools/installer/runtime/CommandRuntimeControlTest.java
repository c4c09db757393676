package org.suptools.installer.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.suptools.installer.process.ProcessResult;
import org.suptools.installer.process.ProcessRunner;
import org.suptools.samples.runtime.RuntimeHomeLayout;

/** The sample runtime, started, checked, broken and stopped through runtime-ctl: real processes. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class CommandRuntimeControlTest {

    private static final Duration HEALTH_WAIT = Duration.ofSeconds(3);

    @TempDir
    Path dir;

    private Path home;
    private CommandRuntimeControl runtime;

    @BeforeEach
    void layOutAStoppedRuntime() throws IOException {
        home = RuntimeHomeLayout.create(dir.resolve("dwcore"), "1.0.0");
        runtime = new CommandRuntimeControl(commands(Duration.ofSeconds(20)));
    }

    @AfterEach
    void stopTheRuntime() throws IOException {
        ProcessResult stop = new ProcessRunner().run(RuntimeHomeLayout.command(home, "stop"), null, Map.of(), Duration.ofSeconds(30));
        assertThat(stop.exitCode()).as("cleanup stop: %s", stop.outputTail()).isZero();
    }

    @Test
    void startThenStop_runsAHealthyRuntimeThatReadsItsProperties() throws Exception {
        Files.writeString(home.resolve("conf/user.site.properties"), "dw.http.port=9090\n");
        assertThat(runtime.isRunning()).isFalse();

        runtime.start();

        assertThat(runtime.isRunning()).isTrue();
        String health = health();
        assertThat(health).startsWith("200 ").contains("\"status\":\"UP\"", "\"version\":\"1.0.0\"", "\"dw.http.port\":\"9090\"", "\"dw.debug\":\"true\"");
        long pid = pid();

        runtime.stop();

        assertThat(runtime.isRunning()).isFalse();
        assertThat(gone(pid)).as("runtime pid %d gone", pid).isTrue();
        assertThat(home.resolve("run/runtime.pid")).doesNotExist();
    }

    @Test
    void start_ofBrokenFirmwareFailsAfterTheHealthWait_andTheSwappedBackRuntimeStartsAgain() throws Exception {
        Path current = home.resolve("runtime");
        Path previous = home.resolve("runtime.previous");
        Path broken = home.resolve("runtime.new");
        RuntimeHomeLayout.runtimeTree(broken, "2.0.0", false);
        Files.move(current, previous);
        Files.move(broken, current);
        long before = System.nanoTime();

        assertThatThrownBy(runtime::start)
                .isInstanceOf(RuntimeControlException.class)
                .hasMessage("runtime did not become healthy within 3s (status exit 2: unhealthy); stopped it again");

        assertThat(Duration.ofNanos(System.nanoTime() - before)).isBetween(HEALTH_WAIT, HEALTH_WAIT.plusSeconds(10));
        assertThat(status().exitCode()).as("the broken runtime is not left running").isEqualTo(1);
        Files.move(current, broken);
        Files.move(previous, current);

        runtime.start();

        assertThat(health()).startsWith("200 ").contains("\"status\":\"UP\"", "\"version\":\"1.0.0\"");
    }

    @Test
    void restart_picksUpChangedProperties() throws Exception {
        runtime.start();
        long firstPid = pid();
        assertThat(health()).contains("\"dw.log.level\":\"DEBUG\"");

        Files.writeString(home.resolve("conf/dwcore.user.properties"), "dw.log.level=INFO\n");
        assertThat(health()).as("read at start only").contains("\"dw.log.level\":\"DEBUG\"");
        runtime.stop();
        runtime.start();

        assertThat(pid()).isNotEqualTo(firstPid);
        assertThat(health()).contains("\"dw.log.level\":\"INFO\"", "\"dw.debug\":\"false\"");
    }

    @Test
    void start_failsWithTheStartCommandsMessageWhenTheRuntimeCannotStart() throws Exception {
        Files.delete(home.resolve("conf/dwcore.properties"));

        assertThatThrownBy(runtime::start)
                .isInstanceOf(RuntimeControlException.class)
                .hasMessageStartingWith("start command failed (exit 1): ");
        assertThat(runtime.isRunning()).isFalse();
    }

    @Test
    void start_failsWhenTheStartCommandHangs() {
        RuntimeCommands hanging = new RuntimeCommands(List.of("sleep", "600"), List.of("true"), List.of("false"),
                Duration.ofSeconds(1), HEALTH_WAIT);

        assertThatThrownBy(() -> new CommandRuntimeControl(hanging).start())
                .isInstanceOf(RuntimeControlException.class)
                .hasMessage("start command timed out after 1s");
    }

    @Test
    void start_failsWhenTheStartCommandIsMissing() {
        RuntimeCommands missing = new RuntimeCommands(List.of(dir.resolve("no-such-ctl").toString(), "start"),
                List.of("true"), List.of("false"), Duration.ofSeconds(5), HEALTH_WAIT);

        assertThatThrownBy(() -> new CommandRuntimeControl(missing).start())
                .isInstanceOf(RuntimeControlException.class)
                .hasMessageStartingWith("start command could not run: cannot start " + dir.resolve("no-such-ctl"));
    }

    @Test
    void stop_ofAStoppedRuntimeSucceeds() throws Exception {
        runtime.stop();

        assertThat(runtime.isRunning()).isFalse();
    }

    @Test
    void stop_failsWhenTheRuntimeStaysUp() throws Exception {
        runtime.start();
        RuntimeCommands stopDoesNothing = new RuntimeCommands(RuntimeHomeLayout.command(home, "start"), List.of("true"),
                RuntimeHomeLayout.command(home, "status"), Duration.ofSeconds(1), HEALTH_WAIT).withPollInterval(Duration.ofMillis(100));

        assertThatThrownBy(() -> new CommandRuntimeControl(stopDoesNothing).stop())
                .isInstanceOf(RuntimeControlException.class)
                .hasMessage("runtime still running 1s after the stop command (status exit 0: healthy)");
    }

    @Test
    void commands_runInTheirWorkingDirectoryWithTheirEnvironment() throws Exception {
        Path marker = dir.resolve("marker");
        RuntimeCommands commands = new RuntimeCommands(
                List.of("sh", "-c", "pwd -P > \"$MARKER\""), List.of("true"), List.of("true"), Duration.ofSeconds(5), HEALTH_WAIT)
                .withWorkingDirectory(home.resolve("conf"))
                .withEnvironment(Map.of("MARKER", marker.toString()));

        new CommandRuntimeControl(commands).start();

        assertThat(Files.readString(marker).strip()).isEqualTo(home.resolve("conf").toRealPath().toString());
    }

    private RuntimeCommands commands(Duration commandTimeout) {
        return new RuntimeCommands(
                RuntimeHomeLayout.command(home, "start"),
                RuntimeHomeLayout.command(home, "stop"),
                RuntimeHomeLayout.command(home, "status"),
                commandTimeout, HEALTH_WAIT)
                .withPollInterval(Duration.ofMillis(100));
    }

    private ProcessResult status() throws IOException {
        return new ProcessRunner().run(RuntimeHomeLayout.command(home, "status"), null, Map.of(), Duration.ofSeconds(10));
    }

    private long pid() throws IOException {
        return Long.parseLong(Files.readString(home.resolve("run/runtime.pid")).strip());
    }

    /** The health document, asked over HTTP directly rather than through runtime-ctl. */
    private String health() throws IOException, InterruptedException {
        int port = Integer.parseInt(Files.readString(home.resolve("run/runtime.port")).strip());
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health")).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString());
        return response.statusCode() + " " + response.body();
    }

    /** True once the process has ended; a zombie not yet reaped by init counts as alive, so poll. */
    private static boolean gone(long pid) throws InterruptedException {
        for (int i = 0; i < 50; i++) {
            if (ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true)) {
                return true;
            }
            Thread.sleep(100);
        }
        return false;
    }
}
