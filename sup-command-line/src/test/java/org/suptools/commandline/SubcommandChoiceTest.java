package org.suptools.commandline;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** A run builds the model of the subcommand it runs, or of all of them when it needs them all. */
class SubcommandChoiceTest {

    @Command(name = "install")
    static final class Install {
    }

    @Command(name = "status")
    static final class Status {
    }

    private static final List<Class<?>> ALL = List.of(Install.class, Status.class, CommandLine.HelpCommand.class);

    @Test
    void aSubcommandNamedFirst_isTheOnlyOneBuilt() {
        assertThat(SubcommandChoice.of(ALL, new String[] {"install", "demo.sup", "--config", "gateway.yaml"}))
                .containsExactly(Install.class);
        assertThat(SubcommandChoice.of(ALL, new String[] {"status"})).containsExactly(Status.class);
    }

    @Test
    void theHelpCommand_anOption_aTypoOrNothing_buildThemAll() {
        assertThat(SubcommandChoice.of(ALL, new String[] {"help", "install"})).isEqualTo(ALL);
        assertThat(SubcommandChoice.of(ALL, new String[] {"--version"})).isEqualTo(ALL);
        assertThat(SubcommandChoice.of(ALL, new String[] {"instal"})).isEqualTo(ALL);
        assertThat(SubcommandChoice.of(ALL, new String[0])).isEqualTo(ALL);
    }
}
