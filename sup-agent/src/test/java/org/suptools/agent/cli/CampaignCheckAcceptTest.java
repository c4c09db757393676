package org.suptools.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.suptools.agent.store.AgentJson;
import org.suptools.portal.server.PortalServer;
import org.suptools.portal.server.ServeOptions;
import org.suptools.portal.store.Campaign;
import org.suptools.portal.store.Campaigns;
import org.suptools.portal.store.DataDir;
import org.suptools.portal.store.FileStore;
import org.suptools.portal.store.Mailboxes;
import org.suptools.portal.store.StageApprovals;
import org.suptools.portal.store.Things;
import org.suptools.tr50.PortalErrorCodes;
import picocli.CommandLine;

/**
 * {@code sup-agent campaign-check} and {@code campaign-accept} run in-process against the portal
 * emulator served in-process (its embedded broker, its TR50 service): the campaigns listed, an
 * acceptance that queues the update, a repeat that changes nothing, and each refusal's exit code.
 */
class CampaignCheckAcceptTest {

    private static final Path SUP = Path.of("..", "sup-installer", "src", "cds", "cds-training.sup");

    @TempDir
    static Path work;
    static PortalServer server;
    static DataDir data;
    static Campaign waitsForAcceptance;
    static Campaign sendsAtOnce;
    static Campaign otherThings;
    static Campaign draft;

    @BeforeAll
    static void serve() throws Exception {
        data = new DataDir(work.resolve("portal"));
        Things things = new Things(data, Clock.systemUTC());
        things.put("gw-1", "token-1", "app-1");
        things.put("gw-2", "token-2", "app-2");
        FileStore.developerFiles(data, Clock.systemUTC()).upload(SUP);
        Campaigns campaigns = new Campaigns(data, Clock.systemUTC());
        waitsForAcceptance = campaigns.create("opt-in", "cds-training.sup", List.of("gw-1", "gw-2"), 600,
                new StageApprovals(false, true), true);
        campaigns.start(waitsForAcceptance.id());
        sendsAtOnce = campaigns.create("rollout", "cds-training.sup", List.of("gw-1"), 600);
        campaigns.start(sendsAtOnce.id());
        otherThings = campaigns.create("others", "cds-training.sup", List.of("gw-2"), 600);
        campaigns.start(otherThings.id());
        draft = campaigns.create("later", "cds-training.sup", List.of("gw-1"), 600, StageApprovals.NONE, true);
        server = PortalServer.start(ServeOptions.defaults(data.resolve("")), Clock.systemUTC());
        Files.writeString(work.resolve("gateway.yaml"), "runtimeHome: rt\n");
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    private record Run(int exit, String out, String err) {
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = AgentMain.commandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int exit = cli.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    private static String config(String broker) throws Exception {
        Path file = work.resolve("agent-" + Math.abs(broker.hashCode()) + ".yaml");
        Files.writeString(file, """
                thingKey: gw-1
                appId: app-1
                appToken: token-1
                broker: %s
                topicPrefix: sup
                fileEndpoint: %s
                gatewayConfig: gateway.yaml
                stateDir: agent-state
                """.formatted(broker, server.httpUri()));
        return file.toString();
    }

    @Test
    void check_listsTheCampaignsWithThisGatewayAsAMember_andAcceptQueuesItsUpdateOnce() throws Exception {
        String config = config(server.mqttUri().toString());
        String mailboxId = waitsForAcceptance.members().get(0).mailboxId();
        Mailboxes mailboxes = new Mailboxes(data);
        assertThat(mailboxes.find("gw-1", mailboxId)).isEmpty();

        Run check = run("campaign-check", "--config", config, "--json");

        assertThat(check.exit()).as(check.err()).isZero();
        JsonNode campaigns = AgentJson.mapper().readTree(check.out()).path("campaigns");
        assertThat(campaigns).extracting(c -> c.path("id").asText())
                .containsExactly(waitsForAcceptance.id(), sendsAtOnce.id(), draft.id());
        JsonNode optIn = campaigns.get(0);
        assertThat(optIn.path("memberStatus").asText()).isEqualTo("Waiting");
        assertThat(optIn.path("acceptance").asBoolean()).isTrue();
        assertThat(optIn.path("accepted").asBoolean()).isFalse();
        assertThat(optIn.path("approval").path("execution").asBoolean()).isTrue();
        assertThat(campaigns.get(1).path("memberStatus").asText()).isEqualTo("Ready");
        assertThat(campaigns.get(2).path("state").asText()).isEqualTo("Draft");

        Run accept = run("campaign-accept", "--config", config, "--campaign-id", waitsForAcceptance.id());
        Run again = run("campaign-accept", "--config", config, "--campaign-id=" + waitsForAcceptance.id());

        assertThat(accept.exit()).as(accept.err()).isZero();
        assertThat(accept.out()).isEqualTo(waitsForAcceptance.id() + " accepted: its update (mailbox message "
                + mailboxId + ") is in the mailbox and runs at the next cycle\n");
        assertThat(mailboxes.find("gw-1", mailboxId)).hasValueSatisfying(item -> assertThat(item.method())
                .isEqualTo("gateway.sup.update"));
        assertThat(again.exit()).isZero();
        assertThat(again.out()).isEqualTo(waitsForAcceptance.id() + " was accepted already: its update is mailbox "
                + "message " + mailboxId + "\n");
        assertThat(mailboxes.find("gw-2", waitsForAcceptance.members().get(1).mailboxId()))
                .as("the other member did not accept").isEmpty();
        Run text = run("campaign-check", "--config", config);
        assertThat(text.out().lines().findFirst().orElseThrow()).startsWith(waitsForAcceptance.id())
                .endsWith("member Ready, accepted");
    }

    @Test
    void accept_ofACampaignThatIsNotThisGatewaysOrNotOpen_isRefusedWithExit3() throws Exception {
        String config = config(server.mqttUri().toString());

        Run other = run("campaign-accept", "--config", config, "--campaign-id", otherThings.id());
        Run unknown = run("campaign-accept", "--config", config, "--campaign-id", "C9999");
        Run notStarted = run("campaign-accept", "--config", config, "--campaign-id", draft.id());

        assertThat(other.exit()).isEqualTo(3);
        assertThat(other.err()).isEqualTo("sup-agent: campaign-accept " + otherThings.id() + " refused: "
                + PortalErrorCodes.CAMPAIGN_NOT_FOUND + " gateway.sup.campaign.accept: no campaign '" + otherThings.id()
                + "' for gw-1\n");
        assertThat(unknown.exit()).isEqualTo(3);
        assertThat(notStarted.exit()).isEqualTo(3);
        assertThat(notStarted.err()).contains(PortalErrorCodes.CAMPAIGN_NOT_OPEN + " ").contains("is not started yet");
    }

    @Test
    void check_withTheBrokerOutOfReach_exits1AndSaysSo() throws Exception {
        Run check = run("campaign-check", "--config", config("tcp://127.0.0.1:1"), "--connect-timeout", "2");

        assertThat(check.exit()).isEqualTo(1);
        assertThat(check.err()).contains("sup-agent: could not connect");
        assertThat(check.out()).isEmpty();
    }

    @Test
    void accept_withoutACampaignId_isAUsageError() throws Exception {
        Run accept = run("campaign-accept", "--config", config(server.mqttUri().toString()));

        assertThat(accept.exit()).isEqualTo(2);
        assertThat(accept.err()).contains("Missing required option: '--campaign-id=ID'");
    }
}
