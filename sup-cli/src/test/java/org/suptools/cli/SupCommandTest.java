package org.suptools.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.suptools.cli.support.Sup;
import org.suptools.cli.support.Sup.Result;

class SupCommandTest {

    @Test
    void help_listsEveryCommandAndTheExitCodes() {
        Result result = Sup.run("--help");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).contains("init", "validate", "build", "sign", "verify", "inspect", "extract",
                "keygen", "diff", "plan", "completion", "demo");
        assertThat(result.out()).contains("Exit codes:", " 0 ", " 1 ", " 2 ", " 3 ", " 4 ", " 5 ", "70 ");
    }

    @ParameterizedTest
    @ValueSource(strings = {"init", "validate", "build", "sign", "verify", "inspect", "extract", "keygen", "diff",
        "plan", "completion", "demo"})
    void everyCommandsHelp_listsTheExitCodes(String command) {
        Result result = Sup.run(command, "--help");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).contains("Usage: sup " + command, "Exit codes:", "untrusted", "expired",
                "internal error");
    }

    @Test
    void version_isTheProjectVersion() {
        Result result = Sup.run("--version");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).startsWith("sup ").doesNotContain("unknown").doesNotContain("${");
    }

    @Test
    void noCommand_isAUsageError() {
        Result result = Sup.run();

        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.err()).startsWith("sup: Missing required subcommand").contains("Try 'sup --help'");
    }

    @Test
    void unknownOption_isAUsageError() {
        Result result = Sup.run("verify", "--frobnicate", "x.sup", "--no-trust");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.err()).startsWith("sup: Unknown option: '--frobnicate'")
                .contains("Try 'sup verify --help'").doesNotContain("Usage:");
    }

    @Test
    void mistypedCommand_isAUsageError_withASuggestion() {
        Result result = Sup.run("verfy");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.err()).contains("verify");
    }
}
