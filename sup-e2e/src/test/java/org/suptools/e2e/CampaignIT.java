package org.suptools.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.suptools.e2e.Launchers.ROOT;
import static org.suptools.e2e.Launchers.sup;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.suptools.e2e.Launchers.Keys;
import org.suptools.e2e.Launchers.Result;

/**
 * Campaigns end to end, every piece a real process: {@code bin/sup-portal serve} (on mosquitto when it
 * is installed, on its embedded broker otherwise, and the test names say which), sandbox gateways made
 * by {@code bin/sup-sandbox}, each with its {@code bin/sup-agent run} daemon, which runs the real
 * {@code bin/sup-installer}; packages built and signed by {@code bin/sup build}. One portal serves every
 * scenario of this class, each with its own gateways and campaign.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CampaignIT {

    private static final List<String> FLEET = List.of("gw-1", "gw-2", "gw-3");
    private static final List<String> FAILING = List.of("gw-fail", "gw-other-product");

    @TempDir
    static Path work;

    private Keys keys;
    private Portal portal;
    private WireObserver wire;
    private final List<Agent> agents = new ArrayList<>();

    @BeforeAll
    void startPortal() throws Exception {
        Launchers.seeFreshJars();
        keys = Launchers.keygen(work.resolve("keys/campaign"));
        List<Portal.Thing> things = Stream.of(FLEET, FAILING).flatMap(List::stream).map(Portal.Thing::named).toList();
        portal = Portal.start(work, things);
        wire = WireObserver.on(portal);
        portal.upload(build("runtime-config"), "acme-runtime-config.sup");
        portal.upload(build("failing-on-purpose"), "acme-failing-on-purpose.sup");
    }

    @AfterAll
    void stopEverything() throws Exception {
        List<Exception> failures = new ArrayList<>();
        for (Agent agent : agents) {
            try {
                agent.close();
            } catch (Exception e) {
                failures.add(e);
            }
        }
        if (wire != null) {
            wire.close();
        }
        if (portal != null) {
            portal.close();
        }
        if (!failures.isEmpty()) {
            throw failures.get(0);
        }
    }

    @TestFactory
    Stream<DynamicTest> campaigns() {
        String where = " (" + Portal.where() + ")";
        return Stream.of(
                DynamicTest.dynamicTest("a campaign over 3 gateways: every member success, one ack per mailbox id, "
                        + "the audit lines arrived" + where, this::everyMemberSucceeds),
                DynamicTest.dynamicTest("a failing package: the failure records carry the installer's code and "
                        + "message, the audit lines arrived as log.publish" + where, this::failuresCarryTheInstallersResult));
    }

    /** Scenario 1, on a few gateways: the whole path works and each message is acked once. */
    private void everyMemberSucceeds() throws Exception {
        List<Agent> fleet = new ArrayList<>();
        for (String key : FLEET) {
            fleet.add(gateway(key));
        }
        fleet.forEach(this::startAgent);
        String id = portal.startCampaign("rollout", "acme-runtime-config.sup", FLEET);

        JsonNode campaign = portal.awaitCompleted(id);

        assertThat(campaign.path("succeeded").asInt()).as(campaign.toPrettyString()).isEqualTo(FLEET.size());
        assertThat(campaign.path("failed").asInt()).isZero();
        for (Agent agent : fleet) {
            JsonNode member = Portal.member(campaign, agent.key());
            String mailboxId = member.path("mailboxId").asText();
            assertThat(member.path("result").asText()).as(member.toPrettyString()).isEqualTo("success");
            assertThat(member.path("errorCode").asInt()).isZero();
            assertThat(member.path("startedOn").isTextual()).isTrue();
            assertThat(member.path("completedOn").isTextual()).isTrue();
            InstallReport report = InstallReport.of(agent.home());
            report.assertSucceededFor(mailboxId, agent.key());
            assertLogArrived(agent, mailboxId, report, member);
            assertAckedOnce(agent, mailboxId);
        }
        assertThat(portal.statusFromCli(id)).as("campaign status --json is the API's record")
                .isEqualTo(portal.campaign(id));
    }

    /**
     * Scenario 2: one gateway whose install fails at an action and is rolled back, one of a product the
     * package does not target; each member's record has the code and message the installer acked with.
     */
    private void failuresCarryTheInstallersResult() throws Exception {
        Agent failing = gateway("gw-fail");
        Agent otherProduct = gateway("gw-other-product", "--product=other-gateway");
        startAgent(failing);
        startAgent(otherProduct);
        String id = portal.startCampaign("failing", "acme-failing-on-purpose.sup", FAILING);

        JsonNode campaign = portal.awaitCompleted(id);

        assertThat(campaign.path("failed").asInt()).as(campaign.toPrettyString()).isEqualTo(2);
        for (Agent agent : List.of(failing, otherProduct)) {
            JsonNode member = Portal.member(campaign, agent.key());
            String mailboxId = member.path("mailboxId").asText();
            InstallReport report = InstallReport.of(agent.home());
            JsonNode installerAck = report.ack();
            assertThat(member.path("result").asText()).as(member.toPrettyString()).isEqualTo("failure");
            assertThat(member.path("errorCode").asInt()).isEqualTo(installerAck.path("errorCode").asInt())
                    .isEqualTo(report.confirmation().path("errorCode").asInt()).isNotZero();
            assertThat(member.path("errorMessage").asText()).isEqualTo(installerAck.path("errorMessage").asText())
                    .isNotBlank();
            assertLogArrived(agent, mailboxId, report, member);
            assertAckedOnce(agent, mailboxId);
        }
        InstallReport.of(failing.home()).assertFailedAndRolledBackFor(Portal.member(campaign, "gw-fail")
                .path("mailboxId").asText(), "gw-fail", "rolled-back", "rolled-back", "failed", "not-run");
    }

    /** Every audit line of this install crossed the wire as log.publish and is in the member's record. */
    private void assertLogArrived(Agent agent, String mailboxId, InstallReport report, JsonNode member) {
        List<String> audited = report.logPublishes().stream().map(l -> l.path("msg").asText()).toList();
        assertThat(audited).isNotEmpty();
        assertThat(wire.logLines(agent.key(), mailboxId)).as("log.publish on the wire").containsExactlyElementsOf(audited);
        List<String> recorded = new ArrayList<>();
        member.path("log").forEach(line -> recorded.add(line.path("msg").asText()));
        assertThat(recorded).as("the member's log lines").containsExactlyElementsOf(audited);
    }

    /** One mailbox.ack crossed the wire for the message, and the agent has nothing left to send. */
    private void assertAckedOnce(Agent agent, String mailboxId) throws Exception {
        JsonNode status = agent.status();
        assertThat(status.path("outbox").asInt()).as(status.toPrettyString()).isZero();
        assertThat(status.path("rejected").asInt()).as(status.toPrettyString()).isZero();
        assertThat(status.path("state").asText()).as(status.toPrettyString()).isEqualTo("idle");
        assertThat(wire.acks(mailboxId)).as("mailbox.ack commands for " + mailboxId + " on the wire").isEqualTo(1);
        assertThat(wire.unreadable()).isEmpty();
    }

    private Agent gateway(String key, String... sandboxOptions) throws Exception {
        Agent agent = Agent.onSandbox(Portal.Thing.named(key), work.resolve(key), keys.publicKey(), portal,
                sandboxOptions);
        agents.add(agent);
        return agent;
    }

    private void startAgent(Agent agent) {
        try {
            agent.start();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** A sample package, built and signed with {@code bin/sup build}. */
    private Path build(String sample) throws Exception {
        Path out = work.resolve("packages/" + sample + ".sup");
        Files.createDirectories(out.getParent());
        Result build = sup("build", ROOT.resolve("sample-packages/packages/" + sample).toString(), "-o", out.toString(),
                "--key", keys.privateKey().toString());
        assertThat(build.exit()).as(build.output()).isZero();
        return out;
    }
}
