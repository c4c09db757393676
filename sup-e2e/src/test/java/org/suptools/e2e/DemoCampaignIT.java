package org.suptools.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.suptools.e2e.InstallReport.JSON;
import static org.suptools.e2e.Launchers.ROOT;
import static org.suptools.e2e.Launchers.runtimesUnder;
import static org.suptools.e2e.Launchers.sup;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.suptools.e2e.Launchers.Result;

/**
 * {@code bin/sup demo} (the campaign, its default) as a user runs it, from the repository root: the real portal
 * emulator on its embedded broker, three real sandbox gateways each with its real agent, one
 * campaign. The member records are read back from the portal with {@code bin/sup-portal campaign
 * status --json} and checked against each gateway's confirmation.json and its agent's log; then
 * the demo runs again in the same directory, and once more with {@code --stop}, after which none
 * of its processes is left.
 */
class DemoCampaignIT {

    /** The installer's code for a package whose target this gateway is not (reports.md). */
    private static final int NOT_TARGETED = -90103;

    private static Path dir;

    @BeforeAll
    static void workDirectory() throws Exception {
        Launchers.seeFreshJars();
        Path target = ROOT.resolve("sup-e2e/target");
        Files.createDirectories(target);
        dir = Files.createTempDirectory(target, "demo-campaign-it-");
    }

    /** Nothing of the demo outlives the test: whatever is left under its directory is killed (and is a failure). */
    @AfterAll
    static void killWhatIsLeft() throws Exception {
        List<ProcessHandle> left = runtimesUnder(dir);
        left.forEach(ProcessHandle::destroyForcibly);
        assertThat(left).as("processes of the demo still running at the end").isEmpty();
    }

    @Test
    void campaignDemo_twoGatewaysSucceedAndTheUntargetedOneFails_runsAgain_stopsWithStopOnly_andWithStop()
            throws Exception {
        Result first = demo();
        Map<String, JsonNode> firstMembers = assertTheStory(first);
        List<ProcessHandle> firstProcesses = runtimesUnder(dir);
        assertThat(firstProcesses).as("the portal, three agents and three runtimes left running").hasSize(7);
        assertThat(first.output()).contains("are still running", "demo --stop-only --dir ");
        assertConsoleServes(first);

        Result second = demo();
        Map<String, JsonNode> secondMembers = assertTheStory(second);
        assertThat(second.output()).contains("stopped the portal, agents and sandbox runtimes of the previous run");
        assertThat(firstProcesses).as("the first run's processes").noneMatch(ProcessHandle::isAlive);
        assertThat(secondMembers.get("gw-1").path("mailboxId").asText()).as("a new campaign, new mailbox ids")
                .isNotEqualTo(firstMembers.get("gw-1").path("mailboxId").asText());

        Result stopOnly = demo("--stop-only");
        assertThat(stopOnly.output()).contains("Stopped 7 processes the demo left running in")
                .doesNotContain("sup demo:", "key pair");
        assertThat(runtimesUnder(dir)).as("processes of the demo after --stop-only").isEmpty();
        assertThat(demo("--stop-only").output()).contains("Nothing of the demo was running in");

        Result stopped = demo("--stop");
        assertTheStory(stopped);
        assertThat(stopped.output()).contains("The agents, the portal and the sandbox runtimes are stopped (--stop).");
        assertThat(runtimesUnder(dir)).as("processes of the demo after --stop").isEmpty();

        System.out.printf("sup demo took %s, %s and %s (with --stop)%n", first.elapsed(),
                second.elapsed(), stopped.elapsed());
    }

    /** The demo names the console and its token file, and the portal left running serves it with that token. */
    private static void assertConsoleServes(Result demo) throws Exception {
        java.util.regex.Matcher named = java.util.regex.Pattern.compile(
                "(?m)^   web console (http://\\S+/console/) \\(admin token in (\\S+)\\)$").matcher(demo.output());
        assertThat(named.find()).as(demo.output()).isTrue();
        assertThat(demo.output()).contains("open " + named.group(1) + " in a browser");
        java.net.URI console = java.net.URI.create(named.group(1));
        // The demo names it as it names its directories: relative to where bin/sup ran, the checkout's root.
        String token = Files.readString(ROOT.resolve(named.group(2))).strip();
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        java.net.http.HttpResponse<String> page = http.send(java.net.http.HttpRequest.newBuilder(console).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        java.net.http.HttpResponse<String> things = http.send(java.net.http.HttpRequest.newBuilder(
                console.resolve("api/things")).header("Authorization", "Bearer " + token).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("SUP portal console");
        assertThat(things.statusCode()).as(things.body()).isEqualTo(200);
        assertThat(things.body()).contains("\"gw-1\"", "\"gw-2\"", "\"gw-3\"");
    }

    private static Result demo(String... options) throws Exception {
        List<String> args = new ArrayList<>(List.of("demo", "--dir", dir.toString()));
        args.addAll(List.of(options));
        Result result = sup(args.toArray(String[]::new));
        assertThat(result.exit()).as(result.output()).isZero();
        return result;
    }

    /**
     * The portal's member records: gw-1 and gw-2 success, gw-3 failure with the installer's code
     * and message, as printed; each gateway's confirmation.json is of its own mailbox id, and each
     * agent reported its one message once and never met "already completed" (a second ack).
     */
    private static Map<String, JsonNode> assertTheStory(Result demo) throws Exception {
        Path campaign = dir.resolve("campaign");
        Result status = Launchers.run(ROOT.resolve("bin/sup-portal"), "campaign", "status", "C0001", "--data",
                campaign.resolve("portal").toString(), "--json");
        assertThat(status.exit()).as(status.output()).isZero();
        JsonNode record = JSON.readTree(status.output().substring(status.output().indexOf('{')));
        assertThat(record.path("state").asText()).isEqualTo("Completed");
        Map<String, JsonNode> members = StreamSupport.stream(record.path("members").spliterator(), false)
                .collect(Collectors.toMap(m -> m.path("thingKey").asText(), m -> m));
        assertThat(members).containsOnlyKeys("gw-1", "gw-2", "gw-3");

        for (String key : List.of("gw-1", "gw-2")) {
            JsonNode member = members.get(key);
            String mailbox = member.path("mailboxId").asText();
            assertThat(member.path("result").asText()).as(member.toPrettyString()).isEqualTo("success");
            assertThat(member.path("log")).as("the audit lines arrived as log.publish").isNotEmpty();
            JsonNode confirmation = InstallReport.of(campaign.resolve(key).resolve("dwcore")).confirmation();
            assertThat(confirmation.path("status").asText()).as(confirmation.toPrettyString()).isEqualTo("succeeded");
            assertThat(confirmation.path("request").path("mailboxId").asText()).isEqualTo(mailbox);
            assertThat(demo.output()).containsPattern("(?m)^  " + key + " +" + mailbox + " +Completed +success");
            assertReportedOnce(campaign.resolve(key), mailbox);
        }
        JsonNode refused = members.get("gw-3");
        String mailbox = refused.path("mailboxId").asText();
        assertThat(refused.path("result").asText()).isEqualTo("failure");
        assertThat(refused.path("errorCode").asInt()).isEqualTo(NOT_TARGETED);
        String message = refused.path("errorMessage").asText();
        assertThat(message).contains("not for this gateway", "other-gateway");
        assertThat(demo.output()).containsPattern("(?m)^  gw-3 +" + mailbox + " +Completed +failure +"
                + NOT_TARGETED + "  " + Pattern.quote(message) + "$");
        JsonNode confirmation = InstallReport.of(campaign.resolve("gw-3/dwcore")).confirmation();
        assertThat(confirmation.path("errorCode").asInt()).isEqualTo(NOT_TARGETED);
        assertThat(confirmation.path("request").path("mailboxId").asText()).isEqualTo(mailbox);
        assertReportedOnce(campaign.resolve("gw-3"), mailbox);

        for (String key : members.keySet()) {
            assertThat(demo.output()).contains(key + " confirmation  " + shown(campaign.resolve(key)
                    .resolve("dwcore/logs/confirmation.json")), key + " audit log     " + shown(campaign.resolve(key)
                    .resolve("dwcore/logs/audit.log")));
        }
        return members;
    }

    /** The agent's log has one "reported" line for the mailbox id, and no resent ack the portal refused. */
    private static void assertReportedOnce(Path gateway, String mailbox) throws Exception {
        String log = Files.readString(gateway.resolve("agent.out"));
        assertThat(Pattern.compile("mailbox message " + Pattern.quote(mailbox) + ": reported ").matcher(log).results())
                .as(log).hasSize(1);
        assertThat(log).doesNotContain("-91005");
        Path outbox = gateway.resolve("agent-state/outbox");
        try (var waiting = Files.list(outbox)) {
            assertThat(waiting.filter(Files::isRegularFile)).as("the agent's outbox is empty").isEmpty();
        }
    }

    /** A path as the demo prints it: relative to the repository root, where it runs. */
    private static String shown(Path path) {
        return ROOT.relativize(path).toString();
    }
}
