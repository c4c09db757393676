package org.suptools.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help.Visibility;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

class CommandReferenceTest {

    @Command(name = "tool", mixinStandardHelpOptions = true, description = "A tool for @|bold testing|@.",
            subcommands = {Outer.class, Secret.class},
            exitCodeListHeading = "%nExit codes:%n", exitCodeList = {" 0:ok", "3:refused: a|b"})
    static final class Tool {
    }

    @Command(name = "outer", header = "The outer command.", subcommands = Inner.class,
            description = {"First line of ${COMMAND-NAME}.%nSecond line, with *stars* and <angles>.", "50%% done."},
            footer = {"Examples:", "  tool outer --level 3 a.txt"})
    static final class Outer {
        @Parameters(paramLabel = "FILE", arity = "1..*", description = "Files to read: a|b.")
        List<String> files;

        @Option(names = {"--out", "-o"}, required = true, paramLabel = "OUT", description = "Where to write.")
        String out;

        @Option(names = "--level", paramLabel = "N", defaultValue = "2",
                description = "How deep (default: ${DEFAULT-VALUE}).")
        int level;

        @Option(names = "--mode", paramLabel = "MODE", defaultValue = "a|b", showDefaultValue = Visibility.ALWAYS,
                description = "The mode.")
        String mode;

        @Option(names = "--internal", hidden = true, description = "Not for people.")
        boolean internal;

        @ArgGroup(multiplicity = "1")
        Trust trust;

        static final class Trust {
            @Option(names = "--trust", paramLabel = "KEY", description = "Trust this key.")
            String key;

            @Option(names = "--no-trust", description = "Trust nobody.")
            boolean none;
        }
    }

    @Command(name = "inner", description = "The inner command.")
    static final class Inner {
        @Option(names = "--flag", description = "A flag.")
        boolean flag;
    }

    @Command(name = "secret", hidden = true, description = "Hidden.")
    static final class Secret {
    }

    private static String render() {
        return CommandReference.render(new CommandLine(new Tool()).setUsageHelpAutoWidth(true), "Intro `line`.");
    }

    @Test
    void render_listsTheRootAndNestedSubcommands_butNotHiddenOnes() {
        String page = render();

        assertThat(page).startsWith("# tool command reference\n\nIntro `line`.\n\n## Commands\n\n"
                + "- [tool](#tool): A tool for testing.\n"
                + "  - [tool outer](#tool-outer): The outer command.\n"
                + "    - [tool outer inner](#tool-outer-inner): The inner command.\n\n");
        assertThat(page).contains("\n## tool\n", "\n## tool outer\n", "\n## tool outer inner\n")
                .doesNotContain("secret", "Hidden", "--internal");
    }

    @Test
    void render_showsThePlainSynopsisInACodeBlock() {
        assertThat(render()).contains("## tool outer\n\nThe outer command.\n\n```\n"
                + "tool outer [--level=N] [--mode=MODE] -o=OUT (--trust=KEY | --no-trust) FILE...\n"
                + "           [COMMAND]\n```\n")
                .doesNotContain("\u001b[");
    }

    @Test
    void render_formatsAndEscapesTheDescription() {
        assertThat(render()).contains("First line of outer.\n\nSecond line, with \\*stars\\* and \\<angles\\>.\n\n"
                + "50% done.\n\n");
    }

    @Test
    void render_tablesTheParametersAndOptions_inHelpOrder_escapingPipes() {
        assertThat(render())
                .contains("| Parameter | Description |\n| --- | --- |\n| `FILE...` | Files to read: a\\|b. |\n")
                .contains("| Option | Description |\n| --- | --- |\n"
                        + "| `--level=N` | How deep (default: 2). |\n"
                        + "| `--mode=MODE` | The mode.<br>Default: `a\\|b` |\n"
                        + "| `--no-trust` | **Required** unless `--trust` is given. Trust nobody. |\n"
                        + "| `-o`, `--out=OUT` | **Required.** Where to write. |\n"
                        + "| `--trust=KEY` | **Required** unless `--no-trust` is given. Trust this key. |\n\n");
    }

    @Test
    void render_listsTheExitCodes_andShowsIndentedFooterLinesAsCode() {
        String page = render();

        assertThat(page).contains("| Code | Meaning |\n| --- | --- |\n| `0` | ok |\n| `3` | refused: a\\|b |\n");
        assertThat(page).contains("Examples:\n\n```\ntool outer --level 3 a.txt\n```\n");
    }

    @Test
    void render_isTheSameForAnyTerminalWidth() {
        String wide = CommandReference.render(new CommandLine(new Tool()).setUsageHelpWidth(200), "Intro.");

        assertThat(wide).isEqualTo(CommandReference.render(new CommandLine(new Tool()), "Intro."));
    }
}
