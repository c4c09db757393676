package org.suptools.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.suptools.e2e.Launchers.ROOT;
import static org.suptools.e2e.Launchers.sup;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;
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

    /** Scenario 1's fleet: the issue's 20 gateways. */
    private static final List<String> FLEET = IntStream.rangeClosed(1, 20).mapToObj("gw-%02d"::formatted).toList();
    private static final List<String> FAILING = List.of("gw-fail", "gw-other-product");
    private static final List<String> OTHERS = List.of("gw-late", "gw-wrong-token", "gw-spy", "gw-victim");

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
        List<Portal.Thing> things = Stream.of(FLEET, FAILING, OTHERS).flatMap(List::stream).map(Portal.Thing::named).toList();
        portal = Portal.start(work, things);
        wire = WireObserver.on(portal);
        portal.upload(build("runtime-config"), "acme-runtime-config.sup");
        portal.upload(build("cert-rotation"), "acme-gateway-ca.sup");
        portal.upload(build("failing-on-purpose"), "acme-failing-on-purpose.sup");
    }

    @AfterAll
    void stopEverything() throws Exception {
        try {
            Parallel.each(agents, Agent::close);
        } finally {
            if (wire != null) {
                wire.close();
            }
            if (portal != null) {
                portal.close();
            }
        }
    }

    @TestFactory
    Stream<DynamicTest> campaigns() {
        String where = " (" + Portal.where() + ")";
        return Stream.of(
                DynamicTest.dynamicTest("a campaign over " + FLEET.size() + " gateways: every member success, one "
                        + "ack per mailbox id, the audit lines arrived" + where, this::everyMemberSucceeds),
                DynamicTest.dynamicTest("a failing package: the failure records carry the installer's code and "
                        + "message, the audit lines arrived as log.publish" + where, this::failuresCarryTheInstallersResult),
                DynamicTest.dynamicTest("a gateway offline when the campaign starts gets its message when it "
                        + "connects" + where, this::offlineGatewayGetsItsMessageLater),
                DynamicTest.dynamicTest("a wrong app token is refused: the member stays Ready" + where,
                        this::wrongTokenIsRefused),
                DynamicTest.dynamicTest("a gateway cannot read another gateway's topics" + where,
                        this::gatewayCannotReadAnotherGatewaysTopics));
    }

    /**
     * Scenario 1: a campaign over 20 sandbox gateways, each with its own agent and installer
     * process. Twenty gateways are some sixty JVM starts, whose CPU time is what this costs on a
     * 2-core machine, so it is kept to what the scenario needs (sup-e2e/README.md has the numbers):
     * <ul>
     * <li>the processes start a few at a time ({@link Parallel});
     * <li>each agent runs one {@code sup-agent once} cycle: it finds the message waiting in its
     * mailbox, as a daemon does when it connects, and exits once the portal confirmed its ack;
     * <li>the package is the smallest sample (a certificate copied and checked), which does not touch
     * the runtime, so the sandboxes leave their sample runtimes stopped ({@code --no-start});
     * <li>the portal's commands, the sandboxes and the installers run with the quick compiler only
     * ({@link Launchers#QUICK_JIT}).
     * </ul>
     */
    private void everyMemberSucceeds() throws Exception {
        List<Agent> fleet = new ArrayList<>();
        for (String key : FLEET) {
            fleet.add(track(Agent.prepare(Portal.Thing.named(key), work.resolve(key), portal)));
        }
        Parallel.each(fleet, agent -> agent.makeSandbox(keys.publicKey(), "--no-start"));
        String id = portal.startCampaign("rollout", "acme-gateway-ca.sup", FLEET);

        Map<String, Result> cycles = new ConcurrentHashMap<>();
        Parallel.each(fleet, agent -> cycles.put(agent.key(), agent.once(30, Launchers.QUICK_JIT)));
        JsonNode campaign = portal.awaitCompleted(id);

        assertThat(campaign.path("succeeded").asInt()).as(campaign.toPrettyString()).isEqualTo(FLEET.size());
        assertThat(campaign.path("failed").asInt()).isZero();
        for (Agent agent : fleet) {
            Result cycle = cycles.get(agent.key());
            assertThat(cycle.exit()).as(cycle.output()).isZero();
            assertThat(cycle.output()).as("the agent's one cycle took, ran and reported the message")
                    .contains("cycle: 1 new message(s), 1 reported").contains(", 0 pending");
            JsonNode member = Portal.member(campaign, agent.key());
            String mailboxId = member.path("mailboxId").asText();
            assertThat(member.path("result").asText()).as(member.toPrettyString()).isEqualTo("success");
            assertThat(member.path("errorCode").asInt()).isZero();
            assertThat(member.path("startedOn").isTextual()).isTrue();
            assertThat(member.path("completedOn").isTextual()).isTrue();
            InstallReport report = InstallReport.of(agent.home());
            report.assertSucceededFor(mailboxId, agent.key());
            assertLogArrived(agent, mailboxId, report, member);
            assertThat(wire.acks(mailboxId)).as("mailbox.ack commands for " + mailboxId + " on the wire").isEqualTo(1);
        }
        assertThat(FLEET.stream().map(key -> Portal.member(campaign, key).path("mailboxId").asText()).distinct())
                .as("one mailbox message per gateway").hasSize(FLEET.size());
        assertThat(wire.unreadable()).isEmpty();
        assertAgentIdle(fleet.get(0));
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

    /** Scenario 7: the message waits in the mailbox of a gateway whose agent is not running. */
    private void offlineGatewayGetsItsMessageLater() throws Exception {
        Agent late = gateway("gw-late");
        String id = portal.startCampaign("late", "acme-runtime-config.sup", List.of("gw-late"));
        JsonNode waiting = portal.campaign(id);
        assertThat(waiting.path("state").asText()).as(waiting.toPrettyString()).isEqualTo("Running");
        assertThat(Portal.member(waiting, "gw-late").path("status").asText()).isEqualTo("Ready");

        late.start();
        JsonNode campaign = portal.awaitCompleted(id);

        JsonNode member = Portal.member(campaign, "gw-late");
        assertThat(member.path("result").asText()).as(member.toPrettyString()).isEqualTo("success");
        assertThat(java.time.Instant.parse(member.path("startedOn").asText()))
                .as("taken when the gateway came, after the campaign started")
                .isAfter(java.time.Instant.parse(campaign.path("startedOn").asText()));
        InstallReport.of(late.home()).assertSucceededFor(member.path("mailboxId").asText(), "gw-late");
        assertAckedOnce(late, member.path("mailboxId").asText());
    }

    /** Scenario 8, first half: an agent with the wrong token cannot connect, so takes nothing. */
    private void wrongTokenIsRefused() throws Exception {
        Agent agent = gateway("gw-wrong-token");
        agent.writeConfig(portal, "not-the-token");
        String id = portal.startCampaign("wrong-token", "acme-runtime-config.sup", List.of("gw-wrong-token"));

        Result once = agent.once(5);

        assertThat(once.exit()).as("1: the broker could not be reached\n" + once.output()).isEqualTo(1);
        assertThat(once.output()).contains("could not connect");
        JsonNode member = Portal.member(portal.campaign(id), "gw-wrong-token");
        assertThat(member.path("status").asText()).as(member.toPrettyString()).isEqualTo("Ready");
        assertThat(wire.sent("gw-wrong-token", "mailbox.check")).isZero();
    }

    /**
     * Scenario 8, second half: a thing subscribed to another thing's topics receives nothing of what is
     * published there (mosquitto grants the subscription and delivers nothing; the embedded broker
     * refuses it), while the owner receives it. The portal publishes the secret first and then a marker
     * on the spy's own topic, so once the marker arrived the secret would have too.
     */
    private void gatewayCannotReadAnotherGatewaysTopics() throws Exception {
        try (ThingClient spy = ThingClient.connect(portal, Portal.Thing.named("gw-spy"));
                ThingClient victim = ThingClient.connect(portal, Portal.Thing.named("gw-victim"))) {
            boolean granted = spy.subscribe(Portal.BASE + "/gw-victim/#");
            assertThat(spy.subscribe(Portal.BASE + "/gw-spy/notify/#")).isTrue();
            assertThat(victim.subscribe(Portal.BASE + "/gw-victim/notify/#")).isTrue();
            assertThat(granted).as("the embedded broker refuses the subscription").isEqualTo(Portal.onMosquitto());

            wire.publish(Portal.BASE + "/gw-victim/notify/secret", "{\"secret\":1}");
            wire.publish(Portal.BASE + "/gw-spy/notify/marker", "{}");

            awaitTopic(victim, Portal.BASE + "/gw-victim/notify/secret");
            awaitTopic(spy, Portal.BASE + "/gw-spy/notify/marker");
            assertThat(spy.received()).as("what the spy received").containsExactly(Portal.BASE + "/gw-spy/notify/marker");
        }
    }

    private static void awaitTopic(ThingClient client, String topic) throws InterruptedException {
        long deadline = System.nanoTime() + Portal.DEADLINE.toNanos();
        while (!client.received().contains(topic)) {
            assertThat(System.nanoTime()).as("%s never arrived", topic).isLessThan(deadline);
            Thread.sleep(20);
        }
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
        assertAgentIdle(agent);
        assertThat(wire.acks(mailboxId)).as("mailbox.ack commands for " + mailboxId + " on the wire").isEqualTo(1);
        assertThat(wire.unreadable()).isEmpty();
    }

    /** {@code sup-agent status --json}: idle, nothing in the outbox, nothing set aside. */
    private static void assertAgentIdle(Agent agent) throws Exception {
        JsonNode status = agent.status();
        assertThat(status.path("outbox").asInt()).as(status.toPrettyString()).isZero();
        assertThat(status.path("rejected").asInt()).as(status.toPrettyString()).isZero();
        assertThat(status.path("state").asText()).as(status.toPrettyString()).isEqualTo("idle");
    }

    private Agent gateway(String key, String... sandboxOptions) throws Exception {
        return track(Agent.onSandbox(Portal.Thing.named(key), work.resolve(key), keys.publicKey(), portal,
                sandboxOptions));
    }

    /** Closed after the class, pass or fail; the list is read by one thread at the end only. */
    private synchronized Agent track(Agent agent) {
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
