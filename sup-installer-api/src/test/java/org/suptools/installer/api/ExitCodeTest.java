package org.suptools.installer.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ExitCodeTest {

    @Test
    void of_findsEachDocumentedCode_andNoneForACrashOrASignal() {
        assertThat(ExitCode.of(5)).contains(ExitCode.BUSY);
        assertThat(ExitCode.of(4).map(ExitCode::meaning)).contains(
                "rollback incomplete: the gateway needs attention (run recover once fixed)");
        assertThat(ExitCode.of(137)).isEmpty();
        assertThat(ExitCode.of(-1)).isEmpty();
    }
}
