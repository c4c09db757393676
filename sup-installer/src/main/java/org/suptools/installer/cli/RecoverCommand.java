package org.suptools.installer.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.suptools.installer.api.ExitCode;
import org.suptools.installer.install.Gateway;
import org.suptools.installer.install.InstallOutcome;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code sup-installer recover --config GATEWAY_CONFIG}: finishes or undoes an interrupted install. */
@Command(mixinStandardHelpOptions = true, name = "recover", sortOptions = false,
        header = "Finish or undo an interrupted install.",
        description = {"Finishes an interrupted install that had committed, or undoes one that had not, so the "
                + "runtime home is exactly as before or exactly as after; confirmation.json says which."},
        exitCodeListHeading = ExitCodeHelp.HEADING,
        exitCodeList = {"0:consistent: recovered, or nothing to recover", ExitCodeHelp.USAGE,
            ExitCodeHelp.ROLLBACK_INCOMPLETE, ExitCodeHelp.BUSY},
        footer = {"%nExample:", "  sup-installer recover --config /tmp/gw/gateway.yaml"})
final class RecoverCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ConfigOptions options;

    @Option(names = "--tr50-reply", paramLabel = "FILE", description = "Also write the TR50 reply to this file.")
    Path tr50Reply;

    @Override
    public Integer call() throws Exception {
        InstallOutcome outcome = Gateway.installer(options.load()).recover(List.of(new ProgressPrinter(
                spec.commandLine().getOut())), Optional.ofNullable(tr50Reply));
        PrintWriter summary = outcome.exitCode() == ExitCode.SUCCEEDED ? spec.commandLine().getOut()
                : spec.commandLine().getErr();
        summary.println((outcome.exitCode() == ExitCode.SUCCEEDED ? "" : "sup-installer: ") + outcome.message());
        summary.flush();
        PrintWriter err = spec.commandLine().getErr();
        outcome.warnings().forEach(warning -> err.println("sup-installer: warning: " + warning));
        err.flush();
        return outcome.exitCode().code();
    }
}
