package org.suptools.installer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.suptools.installer.api.ExitCode;

/** The help lists each exit code in the words its callers show (the Workbench, sup demo): one wording. */
class ExitCodeHelpTest {

    @Test
    void theHelpsExitCodeList_isEachCodeWithItsMeaning() {
        List<String> help = List.of(ExitCodeHelp.SUCCEEDED, ExitCodeHelp.FAILED, ExitCodeHelp.USAGE,
                ExitCodeHelp.REFUSED, ExitCodeHelp.ROLLBACK_INCOMPLETE, ExitCodeHelp.BUSY);

        assertThat(help).containsExactlyElementsOf(Arrays.stream(ExitCode.values())
                .map(code -> code.code() + ":" + code.meaning()).toList());
    }
}
