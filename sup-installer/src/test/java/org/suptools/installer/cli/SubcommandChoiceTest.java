package org.suptools.installer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** A run builds the model of the subcommand it runs, or of all of them when it needs them all. */
class SubcommandChoiceTest {

    private static final List<Class<?>> ALL = List.of(InstallCommand.class, StatusCommand.class,
            CommandLine.HelpCommand.class);

    @Test
    void aSubcommandNamedFirst_isTheOnlyOneBuilt() {
        assertThat(SubcommandChoice.of(ALL, new String[] {"install", "demo.sup", "--config", "gateway.yaml"}))
                .containsExactly(InstallCommand.class);
        assertThat(SubcommandChoice.of(ALL, new String[] {"status"})).containsExactly(StatusCommand.class);
    }

    @Test
    void theHelpCommand_anOption_aTypoOrNothing_buildThemAll() {
        assertThat(SubcommandChoice.of(ALL, new String[] {"help", "install"})).isEqualTo(ALL);
        assertThat(SubcommandChoice.of(ALL, new String[] {"--version"})).isEqualTo(ALL);
        assertThat(SubcommandChoice.of(ALL, new String[] {"instal"})).isEqualTo(ALL);
        assertThat(SubcommandChoice.of(ALL, new String[0])).isEqualTo(ALL);
    }
}
