package org.suptools.agent.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.suptools.agent.campaign.CampaignDesk;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code sup-agent campaign-accept --config agent.yaml --campaign-id=ID}: takes a campaign. */
@Command(name = "campaign-accept", mixinStandardHelpOptions = true, header = "Accept a campaign that targets this gateway.",
        description = {"Tells the portal (gateway.sup.campaign.accept) that this gateway takes the campaign: a campaign "
                + "created with --accept-required then puts this gateway's gateway.sup.update in its mailbox (one that "
                + "needs no acceptance has sent it already). The update runs at the next cycle: at once under "
                + "sup-agent run (the portal's notice wakes it), or at the next sup-agent once. Safe to repeat: "
                + "accepting again changes nothing, so after a network drop simply run it again."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:accepted (now or before)", "1:the broker could not be reached, the portal did not answer "
                + "(whether it took the accept is unknown: run it again), or another sup-agent holds the state "
                + "directory", "2:usage: bad command line or agent config",
            "3:refused: no such campaign for this gateway, or it is a draft or cancelled"},
        footer = {"%nExample:", "  sup-agent campaign-accept --config /etc/sup/agent.yaml --campaign-id=C0001"})
final class CampaignAcceptCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ConfigOption options;

    @Option(names = "--campaign-id", required = true, paramLabel = "ID",
            description = "The campaign, as campaign-check lists it.")
    String campaignId;

    @Mixin
    ConnectTimeoutOption connectTimeout;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try (CampaignLink link = CampaignLink.open(options.load(), connectTimeout.duration(), err)) {
            if (link == null) {
                return 1;
            }
            CampaignDesk.Accepted accepted;
            try {
                accepted = link.desk().accept(campaignId);
            } catch (CampaignDesk.Refused e) {
                err.println("sup-agent: campaign-accept " + campaignId + " refused: " + e.code() + " " + e.getMessage());
                return CampaignLink.REFUSED;
            }
            out.println(accepted.newly()
                    ? campaignId + " accepted: its update (mailbox message " + accepted.mailboxId()
                            + ") is in the mailbox and runs at the next cycle"
                    : campaignId + " was accepted already: its update is mailbox message " + accepted.mailboxId());
            out.flush();
            return 0;
        }
    }
}
