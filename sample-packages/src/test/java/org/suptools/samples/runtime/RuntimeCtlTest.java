package org.suptools.samples.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sample runtime as the gateway config drives it: real processes through runtime-ctl. */
class RuntimeCtlTest {

    @TempDir
    Path dir;

    private Path home;

    @BeforeEach
    void layOut() throws IOException {
        home = RuntimeHomeLayout.create(dir.resolve("dwcore"), "1.0.0");
    }

    @AfterEach
    void stopRuntime() throws Exception {
        ctl("stop");
    }

    @Test
    void startStatusHealthStop_runsAHealthyRuntimeWithItsProperties() throws Exception {
        Files.writeString(home.resolve("conf/user.site.properties"), "dw.http.port=9090\n");

        Result start = ctl("start");
        assertThat(start.exitCode()).as(start.output()).isZero();
        assertThat(home.resolve(SampleRuntime.PID_FILE)).exists();
        assertThat(home.resolve(SampleRuntime.PORT_FILE)).exists();
        long pid = Long.parseLong(Files.readString(home.resolve(SampleRuntime.PID_FILE)).trim());

        assertThat(ctl("status").exitCode()).isZero();
        Result health = ctl("health");
        assertThat(health.exitCode()).isZero();
        assertThat(health.output())
                .contains("\"status\":\"UP\"", "\"version\":\"1.0.0\"", "\"pid\":" + pid)
                .contains("\"dw.http.port\":\"9090\"", "\"dw.log.level\":\"DEBUG\"", "\"dw.gateway.name\":\"sample-gateway\"");

        Result stop = ctl("stop");
        assertThat(stop.exitCode()).as(stop.output()).isZero();
        assertThat(gone(pid)).as("pid %d gone", pid).isTrue();
        assertThat(home.resolve(SampleRuntime.PID_FILE)).doesNotExist();
        assertThat(home.resolve(SampleRuntime.PORT_FILE)).doesNotExist();
        assertThat(ctl("status").exitCode()).isEqualTo(1);
        assertThat(home.resolve(SampleRuntime.LOG_FILE)).content()
                .contains("read conf/user.site.properties", "started version 1.0.0 pid " + pid, "stopped pid " + pid);
    }

    @Test
    void status_isUnhealthyWhenTheRuntimeTreeCarriesHealthFail() throws Exception {
        RuntimeHomeLayout.runtimeTree(home.resolve("runtime"), "2.0.0-broken", false);

        assertThat(ctl("start").exitCode()).isZero();

        assertThat(ctl("status").exitCode()).isEqualTo(2);
        Result health = ctl("health");
        assertThat(health.exitCode()).isEqualTo(2);
        assertThat(health.output()).contains("\"status\":\"DOWN\"", "runtime/HEALTH_FAIL exists", "2.0.0-broken");
    }

    @Test
    void status_isUnhealthyWhenThePropertiesSayHealthFail() throws Exception {
        Files.writeString(home.resolve("conf/user.test.properties"), "dw.health.fail=true\n");

        assertThat(ctl("start").exitCode()).isZero();

        assertThat(ctl("status").exitCode()).isEqualTo(2);
    }

    @Test
    void statusAndStop_treatAStalePidFileAsNotRunning() throws Exception {
        // A pid that is alive but is not this home's runtime: the test JVM itself.
        Files.writeString(home.resolve(SampleRuntime.PID_FILE), ProcessHandle.current().pid() + "\n");

        assertThat(ctl("status").exitCode()).isEqualTo(1);
        assertThat(ctl("stop").exitCode()).isZero();
        assertThat(ProcessHandle.current().isAlive()).isTrue();
        assertThat(home.resolve(SampleRuntime.PID_FILE)).doesNotExist();
    }

    @Test
    void start_isIdempotentAndFailsClearlyWithoutConfiguration() throws Exception {
        assertThat(ctl("start").exitCode()).isZero();
        String pid = Files.readString(home.resolve(SampleRuntime.PID_FILE)).trim();
        Result again = ctl("start");
        assertThat(again.exitCode()).isZero();
        assertThat(again.output()).contains("already running (pid " + pid + ")");
        assertThat(ctl("stop").exitCode()).isZero();

        Files.delete(home.resolve("conf/dwcore.properties"));
        Result broken = ctl("start");
        assertThat(broken.exitCode()).isEqualTo(1);
        assertThat(broken.output()).contains("exited at start", "dwcore.properties");
        assertThat(ctl("status").exitCode()).isEqualTo(1);
    }

    @Test
    void usageErrors_exitWith3() throws Exception {
        assertThat(run(home.resolve(RuntimeHomeLayout.CTL).toString(), "restart", home.toString()).exitCode()).isEqualTo(3);
        assertThat(run(home.resolve(RuntimeHomeLayout.CTL).toString(), "status", dir.resolve("nowhere").toString()).exitCode()).isEqualTo(3);
    }

    /** True once the process has ended; a zombie waiting for init to reap it counts as alive, so poll. */
    private static boolean gone(long pid) throws InterruptedException {
        for (int i = 0; i < 50; i++) {
            if (ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true)) {
                return true;
            }
            Thread.sleep(100);
        }
        return false;
    }

    private Result ctl(String verb) throws Exception {
        return run(RuntimeHomeLayout.command(home, verb).toArray(String[]::new));
    }

    private static Result run(String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(String.join(" ", command) + " did not finish in 30s");
        }
        return new Result(process.exitValue(), new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    private record Result(int exitCode, String output) {
    }
}
