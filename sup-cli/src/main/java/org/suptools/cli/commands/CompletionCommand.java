package org.suptools.cli.commands;

import java.util.concurrent.Callable;
import org.suptools.cli.SupMain;
import org.suptools.cli.options.CommonOptions;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code sup completion}: the bash completion script, generated from the command definitions. */
@Command(name = "completion",
        header = "Print a bash/zsh completion script.",
        mixinStandardHelpOptions = true, sortOptions = false,
        description = "Print a completion script for bash (zsh: run 'autoload -U +X bashcompinit && bashcompinit' "
                + "first).",
        footer = {"%nExamples:", "  source <(sup completion)",
            "  sup completion > ~/.local/share/bash-completion/completions/sup"})
public final class CompletionCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private CommonOptions common;

    @Override
    public Integer call() {
        // The whole command tree: a run of sup builds only the subcommand it runs (SupMain).
        spec.commandLine().getOut().print(AutoComplete.bash("sup", SupMain.commandLine()));
        spec.commandLine().getOut().flush();
        return 0;
    }
}
