package org.suptools.installer.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.suptools.installer.process.ProcessResult;

class RuntimeCommandsTest {

    private static final List<String> CTL = List.of("/opt/dw/dwcore/runtime/bin/runtime-ctl", "start", "/opt/dw/dwcore");

    @Test
    void shortConstructor_pollsEvery250msInTheInstallersDirectoryAndEnvironment() {
        RuntimeCommands commands = new RuntimeCommands(CTL, CTL, CTL, Duration.ofSeconds(60), Duration.ofSeconds(30));

        assertThat(commands.pollInterval()).isEqualTo(Duration.ofMillis(250));
        assertThat(commands.workingDirectory()).isEmpty();
        assertThat(commands.environment()).isEmpty();
    }

    @Test
    void commandLists_areCopied() {
        List<String> start = new ArrayList<>(CTL);
        RuntimeCommands commands = new RuntimeCommands(start, CTL, CTL, Duration.ofSeconds(60), Duration.ofSeconds(30));

        start.set(1, "stop");

        assertThat(commands.start()).containsExactlyElementsOf(CTL);
        assertThatThrownBy(() -> commands.start().add("x")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void withers_changeOneSetting() {
        RuntimeCommands commands = new RuntimeCommands(CTL, CTL, CTL, Duration.ofSeconds(60), Duration.ofSeconds(30))
                .withPollInterval(Duration.ofMillis(50))
                .withWorkingDirectory(Path.of("/opt/dw/dwcore"))
                .withEnvironment(Map.of("JAVA_HOME", "/usr/lib/jvm/java-17"));

        assertThat(commands.pollInterval()).isEqualTo(Duration.ofMillis(50));
        assertThat(commands.workingDirectory()).contains(Path.of("/opt/dw/dwcore"));
        assertThat(commands.environment()).containsEntry("JAVA_HOME", "/usr/lib/jvm/java-17");
        assertThat(commands.healthWait()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void invalidSettings_areRefusedNamingTheField() {
        Duration minute = Duration.ofMinutes(1);
        assertThatThrownBy(() -> new RuntimeCommands(List.of(), CTL, CTL, minute, minute))
                .hasMessage("start: must name a program");
        assertThatThrownBy(() -> new RuntimeCommands(CTL, List.of(" "), CTL, minute, minute))
                .hasMessage("stop: must name a program");
        assertThatThrownBy(() -> new RuntimeCommands(CTL, CTL, null, minute, minute))
                .hasMessage("status: must name a program");
        assertThatThrownBy(() -> new RuntimeCommands(CTL, CTL, CTL, Duration.ZERO, minute))
                .hasMessageStartingWith("commandTimeout: must be a positive duration");
        assertThatThrownBy(() -> new RuntimeCommands(CTL, CTL, CTL, minute, Duration.ofSeconds(-1)))
                .hasMessageStartingWith("healthWait: must be a positive duration");
        assertThatThrownBy(() -> new RuntimeCommands(CTL, CTL, CTL, minute, minute, null, Optional.empty(), Map.of()))
                .hasMessageStartingWith("pollInterval: must be a positive duration");
    }

    @Test
    void statusDescriptions_nameTheContractsMeaning() {
        assertThat(CommandRuntimeControl.describeStatus(result(0, false))).isEqualTo("status exit 0: healthy");
        assertThat(CommandRuntimeControl.describeStatus(result(1, false))).isEqualTo("status exit 1: not running");
        assertThat(CommandRuntimeControl.describeStatus(result(2, false))).isEqualTo("status exit 2: unhealthy");
        assertThat(CommandRuntimeControl.describeStatus(result(9, false))).isEqualTo("status exit 9: unknown state");
        assertThat(CommandRuntimeControl.describeStatus(result(-1, true))).isEqualTo("status command timed out");
    }

    @Test
    void durations_areWrittenShort() {
        assertThat(CommandRuntimeControl.format(Duration.ofSeconds(30))).isEqualTo("30s");
        assertThat(CommandRuntimeControl.format(Duration.ofSeconds(90))).isEqualTo("1m30s");
        assertThat(CommandRuntimeControl.format(Duration.ofMinutes(2))).isEqualTo("2m");
        assertThat(CommandRuntimeControl.format(Duration.ofMillis(1500))).isEqualTo("1500ms");
    }

    private static ProcessResult result(int exitCode, boolean timedOut) {
        return new ProcessResult(exitCode, timedOut, "", Duration.ZERO);
    }
}
