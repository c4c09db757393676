package org.suptools.portal.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.suptools.portal.store.ApprovalOrder;
import org.suptools.portal.store.ApprovalRecord;
import org.suptools.portal.store.Campaign;
import org.suptools.portal.store.CampaignStatus;
import org.suptools.portal.store.Campaigns;
import org.suptools.portal.store.DataDir;
import org.suptools.portal.store.MemberRecord;
import org.suptools.portal.store.StageApprovals;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code sup-portal campaign create|start|status|approve|cancel}. */
@Command(name = "campaign", mixinStandardHelpOptions = true, description = "Manages gateway.sup.update campaigns.",
        subcommands = {CampaignCommand.Create.class, CampaignCommand.Start.class, CampaignCommand.Status.class,
            CampaignCommand.Approve.class, CampaignCommand.Cancel.class})
final class CampaignCommand {

    /** Creates a campaign, not started. */
    @Command(name = "create", mixinStandardHelpOptions = true, sortOptions = false,
            description = "Creates a campaign with the gateway.sup.update task over a list of things; prints its id.")
    static final class Create implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Mixin
        DataOption data;

        @Parameters(paramLabel = "NAME", description = "The campaign's name.")
        String name;

        @Option(names = "--file", required = true, paramLabel = "NAME.sup",
                description = "The Developer File to send; only .sup files can be chosen.")
        String file;

        @Option(names = "--things", required = true, split = ",", paramLabel = "KEY",
                description = "The things, comma-separated.")
        List<String> things;

        @Option(names = "--timeout", defaultValue = "1200", paramLabel = "SECONDS",
                description = "The seconds each gateway has: sent with gateway.sup.update, and the ack timeout of its "
                        + "mailbox message: a member that took its message and sent no ack within them fails with "
                        + "-91007 (default: ${DEFAULT-VALUE}).")
        int timeout;

        @Option(names = "--approval", split = ",", paramLabel = "STAGE",
                description = "Stages each gateway holds until 'campaign approve': download and/or execution, "
                        + "comma-separated, sent as the approval param (default: none; a gateway's own stagePolicy "
                        + "may hold more).")
        List<String> approval = List.of();

        @Option(names = "--accept-required",
                description = "Each gateway's update is sent only once the gateway accepts the campaign "
                        + "(sup-agent campaign-accept, gateway.sup.campaign.accept); until then its member waits.")
        boolean acceptRequired;

        @Override
        public Integer call() {
            Campaign campaign = new Campaigns(data.open(), data.clock()).create(name, file, things, timeout,
                    StageApprovals.of(approval), acceptRequired);
            spec.commandLine().getOut().println(campaign.id());
            return 0;
        }
    }

    /** Starts a campaign. */
    @Command(name = "start", mixinStandardHelpOptions = true,
            description = "Starts a campaign: each member's gateway gets a mailbox message, kept until it connects, "
                    + "and a running serve notifies it. Starting again sends only what is missing.")
    static final class Start implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Mixin
        DataOption data;

        @Parameters(paramLabel = "ID", description = "The campaign's id, such as C0001.")
        String id;

        @Override
        public Integer call() {
            Campaigns campaigns = new Campaigns(data.open(), data.clock());
            if (campaigns.find(id).isEmpty()) {
                throw new IllegalArgumentException("ID: no campaign '" + id + "'");
            }
            Campaign campaign = campaigns.start(id);
            spec.commandLine().getOut().println(campaign.id() + " started: " + campaign.members().size()
                    + " member(s)");
            return 0;
        }
    }

    /** Shows a campaign and its member records. */
    @Command(name = "status", mixinStandardHelpOptions = true,
            description = "Shows a campaign and its member records (status, result, error code and message, times).")
    static final class Status implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Mixin
        DataOption data;

        @Parameters(paramLabel = "ID", description = "The campaign's id, such as C0001.")
        String id;

        @Option(names = "--json", description = "Print the campaign as JSON, as /api/campaigns/ID serves it.")
        boolean json;

        @Override
        public Integer call() throws Exception {
            DataDir dir = data.open();
            Campaigns campaigns = new Campaigns(dir, data.clock());
            CampaignStatus status = campaigns.status(id)
                    .orElseThrow(() -> new IllegalArgumentException("ID: no campaign '" + id + "'"));
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                out.println(new String(dir.json().writeValueAsBytes(status), StandardCharsets.UTF_8));
                return 0;
            }
            out.printf("%s %s: %s, %s (timeout %d s)%n", status.id(), status.name(), status.state(),
                    status.fileName(), status.timeout());
            out.printf("%d member(s): %d success, %d failure%s%n", status.members().size(), status.succeeded(),
                    status.failed(), status.waitingForAcceptance() == 0 ? ""
                            : ", " + status.waitingForAcceptance() + " waiting for acceptance");
            out.printf("approval: %s%n", status.describeApproval());
            campaigns.find(id).filter(Campaign::acceptance).ifPresent(c -> out.printf(
                    "acceptance: required; %d of %d member(s) accepted%s%n", c.accepted().size(), c.members().size(),
                    c.accepted().isEmpty() ? "" : " (" + String.join(", ", c.accepted()) + ")"));
            for (MemberRecord member : status.members()) {
                out.printf("  %-24s %-11s %-7s %s%n", member.thingKey(), member.status(), member.result().orElse(""),
                        member.errorCode().filter(code -> code != 0)
                                .map(code -> code + " " + member.errorMessage().orElse(""))
                                .or(() -> member.ackDueBy().map(due -> "ack due by " + due))
                                .or(() -> member.waitingForAcceptance() ? Optional.of("waiting for acceptance")
                                        : Optional.empty()).orElse("")
                                .stripTrailing());
                member.agentState().ifPresent(state -> out.printf("    agent: %s%s%s (%s)%n", state.state(),
                        state.window().map(w -> " " + w).orElse(""), state.reason().map(r -> ": " + r).orElse(""),
                        state.on()));
                for (ApprovalRecord approval : member.approvals()) {
                    out.printf("    approval %s%n", approval.describe());
                }
            }
            return 0;
        }
    }

    /** Approves a stage of a campaign's update on its gateways. */
    @Command(name = "approve", mixinStandardHelpOptions = true, sortOptions = false,
            description = "Approves a stage of a started campaign's update, now or inside a window: each member not "
                    + "completed (or each of --things) gets a gateway.sup.schedule mailbox message, kept until it "
                    + "connects, and a running serve notifies it. The agent's ack (0 approved; 2 bad window, or a "
                    + "stage that needs no approval or has started; 12 no unfinished update of the campaign) shows in "
                    + "'campaign status'.")
    static final class Approve implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Mixin
        DataOption data;

        @Parameters(paramLabel = "ID", description = "The campaign's id, such as C0001.")
        String id;

        @Option(names = "--type", required = true, paramLabel = "STAGE",
                description = "The stage to approve: download or execution.")
        String type;

        @Option(names = "--start-time", defaultValue = "0", paramLabel = "MS",
                description = "When the stage may start, milliseconds since the epoch (UTC); 0 is now "
                        + "(default: ${DEFAULT-VALUE}).")
        long startTime;

        @Option(names = "--end-time", defaultValue = "0", paramLabel = "MS",
                description = "Before when it must start, milliseconds since the epoch (UTC); 0 is no end; a stage "
                        + "not started by then waits for a new approval (default: ${DEFAULT-VALUE}).")
        long endTime;

        @Option(names = "--things", split = ",", paramLabel = "KEY",
                description = "Only these members, comma-separated (default: every member not completed).")
        List<String> things = List.of();

        @Override
        public Integer call() {
            Campaigns campaigns = new Campaigns(data.open(), data.clock());
            ApprovalOrder order = campaigns.approve(id, type, startTime, endTime, things);
            spec.commandLine().getOut().println(id + " " + type + " approved on " + order.sentTo().size()
                    + " member(s): " + String.join(",", order.sentTo().stream().map(Campaign.Member::thingKey)
                    .toList()));
            int offered = campaigns.status(id).map(CampaignStatus::waitingForAcceptance).orElse(0);
            if (offered > 0) {
                spec.commandLine().getOut().println(offered + " member(s) waiting for acceptance were sent nothing:"
                        + " approve them once they accept");
            }
            return 0;
        }
    }

    /** Cancels a campaign. */
    @Command(name = "cancel", mixinStandardHelpOptions = true,
            description = "Cancels a campaign: every member not completed yet ends failure with -91008. A message no "
                    + "gateway took yet is withdrawn; a gateway that already took its message may finish, and its ack "
                    + "is answered but does not change the record. A cancelled campaign cannot be started.")
    static final class Cancel implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Mixin
        DataOption data;

        @Parameters(paramLabel = "ID", description = "The campaign's id, such as C0001.")
        String id;

        @Override
        public Integer call() {
            Campaigns.Cancellation done = new Campaigns(data.open(), data.clock()).cancel(id);
            PrintWriter out = spec.commandLine().getOut();
            if (done.withdrawn() + done.stopped() + done.alreadyCompleted() == 0) {
                out.println(id + " was already cancelled at " + done.campaign().cancelledOn().orElseThrow());
                return 0;
            }
            out.println(id + " cancelled: " + done.withdrawn() + " message(s) withdrawn, " + done.stopped()
                    + " member(s) whose gateway had taken the message (their acks will not change the records), "
                    + done.alreadyCompleted() + " already completed");
            return 0;
        }
    }
}
