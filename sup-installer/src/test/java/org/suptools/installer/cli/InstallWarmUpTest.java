package org.suptools.installer.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import org.junit.jupiter.api.Test;

/** The warm-up does real work: its test signature verifies, and every step of it runs. */
class InstallWarmUpTest {

    @Test
    void theTestSignature_verifies() throws Exception {
        assertThat(InstallWarmUp.verifyTestSignature()).isTrue();
    }

    @Test
    void everyStep_runsWithoutFailing() {
        assertThatCode(InstallWarmUp::prepare).doesNotThrowAnyException();
    }
}
