package org.suptools.cli.commands;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.suptools.cli.support.Sup;
import org.suptools.cli.support.Sup.Result;

class CompletionCommandTest {

    @Test
    void completion_printsABashScriptForEveryCommand() {
        Result result = Sup.run("completion");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).startsWith("#!/usr/bin/env bash")
                .contains("complete -F _complete_sup", "init", "--force", "keygen", "\"ed25519\" \"ecdsa-p256\" \"rsa-3072\"")
                .contains("_picocli_sup_plan", "--runtime-version", "--installed");
    }
}
