package org.suptools.agent.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import org.suptools.agent.campaign.CampaignDesk;
import org.suptools.agent.store.AgentJson;
import org.suptools.tr50.CampaignListResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code sup-agent campaign-check --config agent.yaml}: the campaigns that target this gateway. */
@Command(name = "campaign-check", mixinStandardHelpOptions = true,
        header = "List the campaigns that target this gateway.",
        description = {"Asks the portal (gateway.sup.campaigns) for every campaign with this gateway as a member: its "
                + "id, name, package, state, this gateway's member status and result, and whether it waits for "
                + "this gateway to accept it (sup-agent campaign-accept). Changes nothing; safe to repeat."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:listed", "1:the broker could not be reached, the portal did not answer, or another "
                + "sup-agent holds the state directory", "2:usage: bad command line or agent config",
            "3:the portal refused the request"},
        footer = {"%nExample:", "  sup-agent campaign-check --config /etc/sup/agent.yaml"})
final class CampaignCheckCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ConfigOption options;

    @Mixin
    ConnectTimeoutOption connectTimeout;

    @Option(names = "--json", description = "Print {\"campaigns\": [...]} as the portal answered, stable for scripts.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try (CampaignLink link = CampaignLink.open(options.load(), connectTimeout.duration(), err)) {
            if (link == null) {
                return 1;
            }
            List<CampaignListResult.Campaign> campaigns;
            try {
                campaigns = link.desk().campaigns();
            } catch (CampaignDesk.Refused e) {
                err.println("sup-agent: the portal refused gateway.sup.campaigns: " + e.code() + " " + e.getMessage());
                return CampaignLink.REFUSED;
            }
            if (json) {
                out.print(new String(AgentJson.bytes(new CampaignListResult(campaigns).toParams().toJson()),
                        java.nio.charset.StandardCharsets.UTF_8));
            } else if (campaigns.isEmpty()) {
                out.println("no campaign targets this gateway");
            } else {
                for (CampaignListResult.Campaign c : campaigns) {
                    out.printf("%-8s %-20s %-40s %-10s member %s%s%s%n", c.id(), c.name(), c.fileName(), c.state(),
                            c.memberStatus(), c.result().map(r -> " " + r).orElse(""),
                            c.acceptance() ? (c.accepted() ? ", accepted" : ", waits for campaign-accept") : "");
                }
            }
            out.flush();
            return 0;
        }
    }
}
