package org.suptools.workbench.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The reports of one run, found where the installer puts them for the chosen gateway config. */
class RunReportsTest {

    @TempDir
    Path dir;

    @Test
    void aConfigWithItsOwnLogsDir_isReadThere_andOnlyTheAuditLinesOfThisRunAreShown() throws IOException {
        Path config = Files.writeString(dir.resolve("gateway.yaml"), "runtimeHome: home\nlogsDir: var/log/sup\n");
        Path logs = Files.createDirectories(dir.resolve("var/log/sup"));
        Files.writeString(logs.resolve("audit.log"), "an earlier install\n");
        RunReports reports = RunReports.before(config);
        Files.writeString(logs.resolve("audit.log"), "this run\n", StandardOpenOption.APPEND);
        Files.writeString(logs.resolve("confirmation.json"), "{\n  \"installId\": \"mine\"\n}\n");

        assertThat(reports.auditLinesSince()).containsExactly("this run");
        assertThat(reports.confirmation("mine")).isEqualTo("{\n  \"installId\": \"mine\"\n}\n");
        assertThat(reports.confirmation("another")).isEqualTo(
                "(confirmation.json in " + logs + " is not this run's: install another)");
    }

    @Test
    void aConfigThatCannotSayWhere_showsNoReports() throws IOException {
        Path config = Files.writeString(dir.resolve("gateway.yaml"), "logsDir: [not, a, path]\n");

        RunReports reports = RunReports.before(config);

        assertThat(reports.confirmation("mine")).isEmpty();
        assertThat(reports.auditLinesSince()).isEmpty();
    }
}
