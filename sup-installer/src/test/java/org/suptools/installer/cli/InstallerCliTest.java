package org.suptools.installer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.suptools.installer.api.json.ContractJson;
import org.suptools.installer.testing.InstallerProcess;
import org.suptools.installer.testing.TestGateway;
import org.suptools.installer.testing.TestPackages;
import org.suptools.installer.testing.TreeSnapshot;
import picocli.CommandLine;

/** The command line, run in-process (and once as a second process): options, output and exit codes. */
class InstallerCliTest {

    @TempDir
    Path dir;

    record Run(int exit, String out, String err) {
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine = InstallerMain.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        int exit = commandLine.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    TestGateway gateway() throws Exception {
        return TestGateway.create(dir.resolve("gw"), null,
                TestGateway.markerRuntime(dir.resolve("gw/runstate/running")), "");
    }

    Path copyPackage(String name, String version) throws Exception {
        return TestPackages.signed(dir.resolve(name + "-" + version + ".sup"), TestPackages.header(name, version) + """
                actions:
                  - id: config
                    type: file.copy
                    source: app.conf
                    destination: conf/app.conf
                """, Map.of("app.conf", "new " + version + "\n"));
    }

    @Test
    void help_listsTheSubcommandsAndTheExitCodes() {
        Run help = run("--help");

        assertThat(help.exit()).isZero();
        assertThat(help.out()).contains("install", "recover", "status", "history", "check-config", "Exit codes:",
                "0   succeeded", "3   refused before any change", "4   rollback incomplete", "5   busy");
        assertThat(help.out()).as("the sandbox is bin/sup-sandbox's, demo support outside the installer")
                .doesNotContain("sandbox");
        assertThat(run("sandbox", dir.resolve("gw").toString()).exit()).isEqualTo(2);
        assertThat(dir.resolve("gw")).doesNotExist();
        assertThat(run("install", "--help").out()).contains("--campaign-id", "--mailbox-id", "--thing-key", "--dry-run",
                "--events", "--tr50-reply", "5   busy");
    }

    @Test
    void usageErrors_exitWith2() throws Exception {
        assertThat(run("install", "x.sup").exit()).isEqualTo(2);
        Path config = Files.writeString(dir.resolve("gateway.yaml"), "runtimeHome: home\nallowUnsigned: true\n");
        Run bad = run("status", "--config", config.toString());
        assertThat(bad.exit()).isEqualTo(2);
        assertThat(bad.err()).contains("sup-installer: gateway.yaml: identity: is required");
    }

    @Test
    void installWithEvents_streamsOneJsonLinePerEventAndWritesTheReplyFile() throws Exception {
        TestGateway gateway = gateway();
        Path sup = copyPackage("acme", "1.0.0");
        Path reply = dir.resolve("reply.json");

        Run install = run("install", sup.toString(), "--config", gateway.configFile().toString(), "--events",
                "--campaign-id", "C7", "--mailbox-id", "M7", "--tr50-reply", reply.toString());

        assertThat(install.exit()).as(install.err()).isZero();
        List<JsonNode> events = install.out().lines().map(InstallerCliTest::json).toList();
        assertThat(events).extracting(e -> e.get("event").asText()).containsExactly("started", "verified", "planned",
                "action-started", "action-succeeded", "finished");
        assertThat(events.get(1).get("package").get("name").asText()).isEqualTo("acme");
        assertThat(events.get(3).toString()).contains("\"index\":1", "\"total\":1", "\"id\":\"config\"",
                "\"type\":\"file.copy\"");
        assertThat(events.get(5).get("status").asText()).isEqualTo("succeeded");
        assertThat(events.get(5).get("errorCode").asInt()).isZero();
        assertThat(Files.readString(reply)).isEqualTo(Files.readString(gateway.logs().resolve("tr50-reply.json")));
        JsonNode ack = json(Files.readString(reply)).get("4");
        assertThat(ack.get("command").asText()).isEqualTo("mailbox.ack");
        assertThat(ack.get("params").get("id").asText()).isEqualTo("M7");

        Run status = run("status", "--config", gateway.configFile().toString(), "--json");
        JsonNode statusJson = json(status.out());
        assertThat(statusJson.get("packages").get("acme").get("version").asText()).isEqualTo("1.0.0");
        assertThat(statusJson.get("lastInstall").get("status").asText()).isEqualTo("succeeded");
        assertThat(statusJson.get("interruptedInstall").asBoolean()).isFalse();
        Run history = run("history", "--config", gateway.configFile().toString());
        assertThat(history.out()).contains("acme 1.0.0: succeeded (campaign C7)");
    }

    @Test
    void dryRun_printsThePlanAndChangesNothing() throws Exception {
        TestGateway gateway = gateway();
        Path sup = copyPackage("acme", "1.0.0");
        TreeSnapshot before = TreeSnapshot.of(gateway.home());

        Run dry = run("install", sup.toString(), "--config", gateway.configFile().toString(), "--dry-run");

        assertThat(dry.exit()).isZero();
        assertThat(dry.out()).contains("[1/1] file.copy config: app.conf -> conf/app.conf",
                "dry run: acme 1.0.0 verified; 1 of 1 actions would run; nothing was changed");
        TreeSnapshot after = TreeSnapshot.of(gateway.home());
        assertThat(after).as("the runtime home, logs included: " + before.diff(after)).isEqualTo(before);
    }

    @Test
    void refusedPackage_exitsWith3() throws Exception {
        TestGateway gateway = gateway();
        Path unsigned = TestPackages.build(dir.resolve("u.sup"), TestPackages.header("u", "1.0.0")
                + "actions:\n  - id: a\n    type: dir.create\n    path: x\n", Map.of(), List.of());

        Run install = run("install", unsigned.toString(), "--config", gateway.configFile().toString());

        assertThat(install.exit()).isEqualTo(3);
        assertThat(install.err()).contains("sup-installer: ").contains("not signed");
    }

    @Test
    void secondInstallerWhileOneRuns_isBusyAndTouchesNothing() throws Exception {
        TestGateway gateway = gateway();
        Path first = copyPackage("first", "1.0.0");
        Path second = copyPackage("second", "1.0.0");
        InstallerProcess running = InstallerProcess.start(List.of("install", first.toString(), "--config",
                gateway.configFile().toString()), Optional.of("journal:2"));
        try {
            assertThat(running.awaitPause(60)).as(running.stderr().toString()).isTrue();
            TreeSnapshot before = TreeSnapshot.of(gateway.dir());
            Path reply = dir.resolve("busy-reply.json");

            Run busy = run("install", second.toString(), "--config", gateway.configFile().toString(), "--mailbox-id",
                    "M9", "--tr50-reply", reply.toString());

            assertThat(busy.exit()).isEqualTo(5);
            assertThat(busy.err()).contains("another installer is running");
            TreeSnapshot after = TreeSnapshot.of(gateway.dir());
            assertThat(after).as("not even confirmation.json: " + before.diff(after)).isEqualTo(before);
            JsonNode ack = json(Files.readString(reply)).get("1");
            assertThat(ack.get("command").asText()).isEqualTo("mailbox.ack");
            assertThat(ack.get("params").get("errorCode").asInt()).isEqualTo(-90120);
        } finally {
            running.kill();
        }
        assertThat(run("recover", "--config", gateway.configFile().toString()).exit()).isZero();
        assertThat(gateway.read("conf/app.conf")).isEqualTo("old app config\n");
    }

    static JsonNode json(String text) {
        try {
            return ContractJson.mapper().readTree(text);
        } catch (java.io.IOException e) {
            throw new AssertionError(text, e);
        }
    }

}
