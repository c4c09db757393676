package org.suptools.installer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.AccessDeniedException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.suptools.model.gateway.ConfigException;
import org.suptools.model.problem.Problem;
import picocli.CommandLine;

/** The one mapping of what escaped a command to an exit code and a line for people. */
class InstallerErrorHandlerTest {

    record Handled(int exit, String err) {
    }

    static Handled handle(Exception failure) {
        StringWriter err = new StringWriter();
        CommandLine commandLine = InstallerMain.commandLine().setErr(new PrintWriter(err, true));
        int exit = new InstallerErrorHandler().handleExecutionException(failure, commandLine,
                commandLine.parseArgs("status", "--config", "x.yaml"));
        return new Handled(exit, err.toString());
    }

    @Test
    void aBadConfig_isAUsageError_oneLinePerProblem() {
        Handled handled = handle(new ConfigException(Path.of("/etc/sup/gateway.yaml"), List.of(
                Problem.error("stateDir", "cannot write in /proc/x"), Problem.atPosition(7, 3, "not valid YAML: ..."))));

        assertThat(handled.exit()).isEqualTo(2);
        assertThat(handled.err().lines()).containsExactly("sup-installer: gateway.yaml: stateDir: cannot write in /proc/x",
                "sup-installer: gateway.yaml:7:3: not valid YAML: ...");
    }

    @Test
    void aFileError_namesThePathAndTheReason_andAnErrorWithoutMessage_showsNoClassName() {
        assertThat(handle(new AccessDeniedException("/proc/rt-state")).err().strip())
                .isEqualTo("sup-installer: error: /proc/rt-state: permission denied");
        Handled unexpected = handle(new IllegalStateException());
        assertThat(unexpected.exit()).isEqualTo(1);
        assertThat(unexpected.err()).doesNotContain("Exception").doesNotContain("java.");
    }
}
