package org.suptools.installer.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.suptools.installer.api.ExitCode;
import org.suptools.installer.api.event.RequestInfo;
import org.suptools.installer.config.GatewayConfig;
import org.suptools.installer.event.EventJson;
import org.suptools.installer.event.InstallListener;
import org.suptools.installer.install.Gateway;
import org.suptools.installer.install.InstallOutcome;
import org.suptools.installer.install.InstallRequest;
import org.suptools.installer.journal.Journal;
import org.suptools.installer.plan.PlannedAction;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code sup-installer install FILE.sup --config GATEWAY_CONFIG}: applies one package. */
@Command(mixinStandardHelpOptions = true, name = "install", sortOptions = false,
        header = "Install one package on this gateway: verified, journaled, rolled back on failure.",
        description = {"Applies one package: lock, recover an interrupted install, verify, plan, run the actions with "
                + "a journal, roll back on failure; writes confirmation.json, the audit log and the TR50 reply in the "
                + "logs directory."},
        exitCodeListHeading = ExitCodeHelp.HEADING,
        exitCodeList = {ExitCodeHelp.SUCCEEDED, ExitCodeHelp.FAILED, ExitCodeHelp.USAGE, ExitCodeHelp.REFUSED,
            ExitCodeHelp.ROLLBACK_INCOMPLETE, ExitCodeHelp.BUSY},
        footer = {"%nExamples:", "  sup-installer install app.sup --config /tmp/gw/gateway.yaml --dry-run",
            "  sup-installer install app.sup --config /tmp/gw/gateway.yaml --campaign-id C-2026-11 "
                + "--mailbox-id M-8813"})
final class InstallCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE.sup", description = "The package to install.")
    Path file;

    @Mixin
    ConfigOptions options;

    @Option(names = "--campaign-id", paramLabel = "ID", description = "The campaign that asked for this install.")
    String campaignId;

    @Option(names = "--mailbox-id", paramLabel = "ID",
            description = "The TR50 mailbox message to acknowledge (mailbox.ack) and to correlate log messages with.")
    String mailboxId;

    @Option(names = "--thing-key", paramLabel = "THING_KEY",
            description = "The gateway's thing key (default: the config's).")
    String thingKey;

    @Option(names = "--dry-run", description = "Verify and plan only; change nothing.")
    boolean dryRun;

    @Option(names = "--events", description = "Write one JSON line per event to standard output (for the Workbench).")
    boolean events;

    @Option(names = "--tr50-reply", paramLabel = "FILE", description = "Also write the TR50 reply to this file.")
    Path tr50Reply;

    @Override
    public Integer call() throws Exception {
        GatewayConfig config = options.load();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        InstallListener listener = events ? new EventJson(out) : new ProgressPrinter(out);
        RequestInfo request = new RequestInfo(Optional.ofNullable(campaignId), Optional.ofNullable(mailboxId),
                Optional.ofNullable(thingKey));
        InstallOutcome outcome;
        try {
            outcome = Gateway.installer(config).install(new InstallRequest(file, request, dryRun), List.of(listener),
                    Optional.ofNullable(tr50Reply));
        } catch (IOException | RuntimeException | Error e) {
            // The installer ends every install it began itself; this is for what escapes even that.
            if (Journal.inProgress(config.stateDir())) {
                throw new ExitException(ExitCode.ROLLBACK_INCOMPLETE, "the install stopped on an unexpected error ("
                        + (e.getMessage() == null ? e.toString() : e.getMessage()) + "); run: sup-installer recover "
                        + "--config " + options.config, e);
            }
            throw e;
        }
        if (dryRun && outcome.plan().isPresent() && !events) {
            for (PlannedAction action : outcome.plan().get().actions()) {
                out.printf("[%d/%d] %s %s: %s%n", action.index(), outcome.plan().get().total(),
                        action.action().type().typeName(), action.action().id(),
                        action.skipReason().map(r -> "skipped, " + r).orElse(action.action().summary()));
            }
        }
        PrintWriter summary = outcome.exitCode() == ExitCode.SUCCEEDED && !events ? out : err;
        summary.println((outcome.exitCode() == ExitCode.SUCCEEDED ? "" : "sup-installer: ") + outcome.message());
        summary.flush();
        outcome.warnings().forEach(warning -> err.println("sup-installer: warning: " + warning));
        err.flush();
        return outcome.exitCode().code();
    }
}
