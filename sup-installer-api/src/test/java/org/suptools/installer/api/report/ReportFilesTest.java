package org.suptools.installer.api.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportFilesTest {

    @TempDir
    Path dir;

    @Test
    void aConfigNamingOnlyTheRuntimeHome_getsLogsInsideIt_andStateBesideIt() throws IOException {
        Path config = Files.writeString(dir.resolve("gateway.yaml"), "runtimeHome: dwcore\ntrust:\n  store: keys\n");

        ReportFiles files = ReportFiles.forConfig(config);

        assertThat(files.logsDir()).isEqualTo(dir.resolve("dwcore/logs"));
        assertThat(files.stateDir()).isEqualTo(dir.resolve("dwcore.sup-state"));
        assertThat(files.confirmation()).isEqualTo(dir.resolve("dwcore/logs/confirmation.json"));
        assertThat(files.auditLog()).isEqualTo(dir.resolve("dwcore/logs/audit.log"));
        assertThat(files.tr50Reply()).isEqualTo(dir.resolve("dwcore/logs/tr50-reply.json"));
        assertThat(files.reply("i-7")).isEqualTo(dir.resolve("dwcore.sup-state/replies/i-7.json"));
    }

    @Test
    void logsDirAndStateDir_whenNamed_winOverTheDefaults_relativeToTheConfigFile() throws IOException {
        Path config = Files.writeString(Files.createDirectories(dir.resolve("etc")).resolve("gateway.json"),
                "{\"runtimeHome\": \"/opt/dwcore\", \"logsDir\": \"../var/log/sup\", \"stateDir\": \"/var/lib/sup\"}");

        ReportFiles files = ReportFiles.forConfig(config);

        assertThat(files.logsDir()).isEqualTo(dir.resolve("var/log/sup"));
        assertThat(files.stateDir()).isEqualTo(Path.of("/var/lib/sup"));
    }

    @Test
    void aConfigWithoutRuntimeHomeOrNotAConfig_isAnErrorNamingTheFileAndField() throws IOException {
        Path noHome = Files.writeString(dir.resolve("a.yaml"), "logsDir: logs\n");
        Path notYaml = Files.writeString(dir.resolve("b.yaml"), "runtimeHome: [unclosed\n");
        Path badField = Files.writeString(dir.resolve("c.yaml"), "runtimeHome: home\nlogsDir: [1, 2]\n");

        assertThatThrownBy(() -> ReportFiles.forConfig(noHome)).hasMessage(noHome + ": runtimeHome: is required");
        assertThatThrownBy(() -> ReportFiles.forConfig(notYaml)).hasMessageStartingWith(notYaml + ": cannot be read");
        assertThatThrownBy(() -> ReportFiles.forConfig(badField)).hasMessage(badField + ": logsDir: must be a path");
        assertThatThrownBy(() -> ReportFiles.forConfig(dir.resolve("missing.yaml")))
                .hasMessageStartingWith(dir.resolve("missing.yaml") + ": cannot be read");
    }
}
