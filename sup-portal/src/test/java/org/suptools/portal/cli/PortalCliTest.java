package org.suptools.portal.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.suptools.portal.store.DataDir;
import org.suptools.portal.store.Mailboxes;
import org.suptools.portal.store.Thing;
import org.suptools.portal.store.Things;
import picocli.CommandLine;

/** The command line run in-process, as another process beside {@code serve} runs it. */
class PortalCliTest {

    @TempDir
    Path dir;

    private record Run(int exit, String out, String err) {
    }

    private Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = PortalMain.commandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int exit = cli.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    private String data() {
        return dir.resolve("data").toString();
    }

    @Test
    void campaign_createStartAndStatusFromTheCommandLine() throws Exception {
        Path sup = Files.write(dir.resolve("acme-config.sup"), new byte[] {1, 2, 3, 4});
        assertThat(run("thing", "add", "gw-1", "--data", data(), "--token", "t1", "--app-id", "a1").exit()).isZero();
        assertThat(run("thing", "add", "gw-2", "--data", data(), "--token", "t2", "--app-id", "a2").exit()).isZero();
        assertThat(run("file", "upload", sup.toString(), "--data", data()).out())
                .isEqualTo("acme-config.sup: 4 bytes, crc32 3057449933 (can be chosen for a campaign)\n");

        Run created = run("campaign", "create", "rollout", "--data", data(), "--file", "acme-config.sup",
                "--things", "gw-1,gw-2", "--timeout", "600");
        Run started = run("campaign", "start", "C0001", "--data", data());
        Run status = run("campaign", "status", "C0001", "--data", data(), "--json");

        assertThat(created.out()).isEqualTo("C0001\n");
        assertThat(started.out()).isEqualTo("C0001 started: 2 member(s)\n");
        JsonNode json = DataDir.mapper().readTree(status.out());
        assertThat(json.get("state").asText()).isEqualTo("Running");
        assertThat(json.get("members")).hasSize(2);
        assertThat(json.get("members").get(0).get("status").asText()).isEqualTo("Ready");
        String mailboxId = json.get("members").get(1).get("mailboxId").asText();
        assertThat(new Mailboxes(new DataDir(dir.resolve("data"))).find("gw-2", mailboxId)).isPresent();
        assertThat(run("campaign", "status", "C0001", "--data", data()).out())
                .startsWith("C0001 rollout: Running, acme-config.sup (timeout 600 s)\n2 member(s): 0 success, 0 failure\n"
                        + "approval: none: every stage runs as each gateway's own stagePolicy says\n");
    }

    @Test
    void campaign_timeoutDefaultsToTheSeeds1200SecondsAndIsTheMessagesAckTimeout() throws Exception {
        Path sup = Files.write(dir.resolve("acme-config.sup"), new byte[] {1, 2, 3, 4});
        run("thing", "add", "gw-1", "--data", data(), "--token", "t1", "--app-id", "a1");
        run("file", "upload", sup.toString(), "--data", data());
        run("campaign", "create", "rollout", "--data", data(), "--file", "acme-config.sup", "--things", "gw-1");
        run("campaign", "start", "C0001", "--data", data());

        JsonNode json = DataDir.mapper().readTree(run("campaign", "status", "C0001", "--data", data(), "--json").out());
        String mailboxId = json.get("members").get(0).get("mailboxId").asText();
        var item = new Mailboxes(new DataDir(dir.resolve("data"))).find("gw-1", mailboxId).orElseThrow();
        assertThat(json.get("timeout").asInt()).isEqualTo(1200);
        assertThat(item.params().get("timeout").asInt()).isEqualTo(1200);
        assertThat(item.ackTimeout()).contains(1200);
        assertThat(run("campaign", "status", "C0001", "--data", data()).out()).contains("(timeout 1200 s)");
    }

    @Test
    void campaign_approvalFromTheCommandLine_andItsStatusLines() throws Exception {
        Path sup = Files.write(dir.resolve("acme-config.sup"), new byte[] {1, 2, 3, 4});
        run("thing", "add", "gw-1", "--data", data(), "--token", "t1", "--app-id", "a1");
        run("file", "upload", sup.toString(), "--data", data());
        Run badStage = run("campaign", "create", "night", "--data", data(), "--file", "acme-config.sup", "--things",
                "gw-1", "--approval", "download,activation");
        run("campaign", "create", "night", "--data", data(), "--file", "acme-config.sup", "--things", "gw-1",
                "--approval", "download,execution");
        Run draft = run("campaign", "approve", "C0001", "--data", data(), "--type", "download");
        run("campaign", "start", "C0001", "--data", data());

        Run approved = run("campaign", "approve", "C0001", "--data", data(), "--type", "execution", "--start-time",
                "1796335200000", "--end-time", "1796356800000");
        Run badWindow = run("campaign", "approve", "C0001", "--data", data(), "--type", "download", "--start-time",
                "1796335200000", "--end-time", "1796335200000");

        assertThat(badStage.exit()).isEqualTo(2);
        assertThat(badStage.err()).startsWith("sup-portal: approval: activation cannot wait for an approval");
        assertThat(draft.exit()).isEqualTo(2);
        assertThat(draft.err()).isEqualTo("sup-portal: ID: campaign C0001 is a draft; start it first\n");
        assertThat(approved.exit()).isZero();
        assertThat(approved.out()).isEqualTo("C0001 execution approved on 1 member(s): gw-1\n");
        assertThat(badWindow.exit()).isEqualTo(2);
        assertThat(badWindow.err()).isEqualTo("sup-portal: end-time: must be after the start time 1796335200000, was "
                + "1796335200000\n");
        assertThat(run("campaign", "status", "C0001", "--data", data()).out()).endsWith(
                "    approval execution window 2026-12-03T22:00:00Z..2026-12-04T04:00:00Z: not taken yet\n");
        JsonNode json = DataDir.mapper().readTree(run("campaign", "status", "C0001", "--data", data(), "--json").out());
        assertThat(json.path("members").path(0).path("approvals").path(0).path("status").asText())
                .isEqualTo("Ready");
        assertThat(run("campaign", "status", "C0001", "--data", data()).out())
                .contains("\napproval: download and execution wait for campaign approve on each gateway\n");
        assertThat(json.path("approval").path("download").asBoolean()).isTrue();
        assertThat(json.path("approval").path("execution").asBoolean()).isTrue();
    }

    @Test
    void campaign_cancelFromTheCommandLine_andAnUnknownIdExitsTwo() throws Exception {
        Path sup = Files.write(dir.resolve("acme-config.sup"), new byte[] {1, 2, 3, 4});
        run("thing", "add", "gw-1", "--data", data(), "--token", "t1", "--app-id", "a1");
        run("file", "upload", sup.toString(), "--data", data());
        run("campaign", "create", "rollout", "--data", data(), "--file", "acme-config.sup", "--things", "gw-1");
        run("campaign", "start", "C0001", "--data", data());

        Run cancelled = run("campaign", "cancel", "C0001", "--data", data());
        Run again = run("campaign", "start", "C0001", "--data", data());
        Run unknown = run("campaign", "cancel", "C0009", "--data", data());

        assertThat(cancelled.exit()).isZero();
        assertThat(cancelled.out()).isEqualTo("C0001 cancelled: 1 message(s) withdrawn, 0 member(s) whose gateway had "
                + "taken the message (their acks will not change the records), 0 already completed\n");
        assertThat(run("campaign", "status", "C0001", "--data", data()).out())
                .startsWith("C0001 rollout: Cancelled, acme-config.sup (timeout 1200 s)\n"
                        + "1 member(s): 0 success, 1 failure\n")
                .contains("-91008 cancelled: campaign C0001 was cancelled at ");
        assertThat(again.exit()).isEqualTo(2);
        assertThat(again.err()).startsWith("sup-portal: ID: campaign C0001 was cancelled at ");
        assertThat(unknown.exit()).isEqualTo(2);
        assertThat(unknown.err()).isEqualTo("sup-portal: ID: no campaign 'C0009'\n");
    }

    @Test
    void delete_ofAThingOrFileAnUnfinishedCampaignNeedsExitsThree_otherwiseDeletes() throws Exception {
        Path sup = Files.write(dir.resolve("acme-config.sup"), new byte[] {1, 2, 3, 4});
        run("thing", "add", "gw-1", "--data", data(), "--token", "t1", "--app-id", "a1");
        run("thing", "add", "gw-2", "--data", data(), "--token", "t2", "--app-id", "a2");
        run("file", "upload", sup.toString(), "--data", data());
        run("campaign", "create", "rollout", "--data", data(), "--file", "acme-config.sup", "--things", "gw-1");

        Run thingInUse = run("thing", "delete", "gw-1", "--data", data());
        Run fileInUse = run("file", "delete", "acme-config.sup", "--data", data());
        Run freeThing = run("thing", "delete", "gw-2", "--data", data());
        run("campaign", "cancel", "C0001", "--data", data());
        Run fileNow = run("file", "delete", "acme-config.sup", "--data", data());
        Run missing = run("file", "delete", "acme-config.sup", "--data", data());

        assertThat(thingInUse.exit()).isEqualTo(3);
        assertThat(thingInUse.err()).isEqualTo("sup-portal: thing gw-1 is a member of campaign(s) not finished: C0001 "
                + "(cancel them or let them complete first)\n");
        assertThat(fileInUse.exit()).isEqualTo(3);
        assertThat(fileInUse.err()).isEqualTo("sup-portal: file acme-config.sup is sent by campaign(s) not finished: "
                + "C0001 (cancel them or let them complete first)\n");
        assertThat(freeThing.exit()).isZero();
        assertThat(freeThing.out()).isEqualTo("deleted thing gw-2 (app id a2)\n");
        assertThat(fileNow.out()).isEqualTo("deleted acme-config.sup (4 bytes)\n");
        assertThat(missing.exit()).isEqualTo(2);
        assertThat(missing.err()).isEqualTo("sup-portal: NAME: no Developer File named 'acme-config.sup'\n");
    }

    @Test
    void badInput_isOneLineNamingTheFieldAndExitsTwo() throws Exception {
        Files.write(dir.resolve("notes.txt"), new byte[] {1});
        run("file", "upload", dir.resolve("notes.txt").toString(), "--data", data());
        run("thing", "add", "gw-1", "--data", data(), "--token", "t1", "--app-id", "a1");

        List<Run> runs = List.of(
                run("thing", "add", "../gw", "--data", data(), "--token", "t", "--app-id", "a"),
                run("campaign", "create", "c", "--data", data(), "--file", "notes.txt", "--things", "gw-1"),
                run("campaign", "create", "c", "--data", data(), "--file", "none.sup", "--things", "gw-1"),
                run("campaign", "start", "C0042", "--data", data()),
                run("serve", "--data", data(), "--fault", "explode"));

        assertThat(runs).allSatisfy(r -> {
            assertThat(r.exit()).isEqualTo(2);
            assertThat(r.err()).startsWith("sup-portal: ").hasLineCount(1);
        });
        assertThat(runs.get(0).err()).contains("key: a thing key is");
        assertThat(runs.get(1).err()).contains("file: only a .sup Developer File can be chosen");
        assertThat(runs.get(4).err()).contains("--fault: unknown fault 'explode'; known: drop-connection,");
    }

    @Test
    void thingImport_addsAndUpdatesAFleetFromOneFile() throws Exception {
        run("thing", "add", "gw-2", "--data", data(), "--token", "old", "--app-id", "a2");
        Path list = Files.writeString(dir.resolve("fleet.txt"),
                "# key app-id token\ngw-1 a1 secret one\n\n  gw-2   a2 t2\ngw-3 a3 t3\n");

        Run imported = run("thing", "import", list.toString(), "--data", data());

        assertThat(imported.exit()).as(imported.err()).isZero();
        assertThat(imported.out()).isEqualTo("imported 3 things from " + list + " (2 new, 1 updated)\n");
        Things things = new Things(new DataDir(dir.resolve("data")), Clock.systemUTC());
        assertThat(things.all()).extracting(Thing::key).containsExactly("gw-1", "gw-2", "gw-3");
        assertThat(things.find("gw-1").orElseThrow().accepts("a1", "secret one")).isTrue();
        assertThat(things.find("gw-2").orElseThrow().accepts("a2", "t2")).isTrue();
    }

    @Test
    void thingImport_refusesTheWholeFileAtItsFirstBadLine() throws Exception {
        Path list = Files.writeString(dir.resolve("fleet.txt"), "gw-1 a1 t1\ngw-2 a2\n");
        Path twice = Files.writeString(dir.resolve("twice.txt"), "gw-1 a1 t1\ngw-1 a9 t9\n");
        Path badKey = Files.writeString(dir.resolve("bad-key.txt"), "gw-1 a1 t1\ngw/2 a2 t2\n");

        List<Run> runs = List.of(run("thing", "import", list.toString(), "--data", data()),
                run("thing", "import", twice.toString(), "--data", data()),
                run("thing", "import", badKey.toString(), "--data", data()),
                run("thing", "import", dir.resolve("missing.txt").toString(), "--data", data()));

        assertThat(runs).allSatisfy(r -> assertThat(r.exit()).as(r.err()).isEqualTo(2));
        assertThat(runs.get(0).err()).isEqualTo("sup-portal: " + list + ":2: expected KEY APP_ID TOKEN, found 2 field(s)\n");
        assertThat(runs.get(1).err()).isEqualTo("sup-portal: " + twice + ":2: key: gw-1 is listed twice\n");
        assertThat(runs.get(2).err()).startsWith("sup-portal: " + badKey + ":2: key: ");
        assertThat(runs.get(3).err()).contains("missing.txt: no such file");
        assertThat(new Things(new DataDir(dir.resolve("data")), Clock.systemUTC()).all()).isEmpty();
    }

    @Test
    void dataDirectory_isPrivateToItsOwner() throws Exception {
        run("thing", "add", "gw-1", "--data", data(), "--token", "t1", "--app-id", "a1");

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("data"))))
                .isEqualTo("rwx------");
    }

    @Test
    void mosquittoConfig_writesHashedPasswordsAndPerThingAcls() throws Exception {
        // '-' and '_' are outside the base64 alphabet, so the token can never show up by chance in the hash
        run("thing", "add", "gw-1", "--data", data(), "--token", "secret-token_1", "--app-id", "a1");

        Run result = run("mosquitto-config", "--data", data(), "--out", dir.resolve("mq").toString(), "--port", "1999");

        assertThat(result.exit()).isZero();
        List<String> passwd = Files.readAllLines(dir.resolve("mq/passwd"));
        assertThat(passwd).hasSize(2);
        assertThat(passwd.get(0)).startsWith("sup-portal:$7$101$");
        assertThat(passwd.get(1)).matches("gw-1:\\$7\\$101\\$[A-Za-z0-9+/=]{16}\\$[A-Za-z0-9+/=]{88}").doesNotContain("secret-token_1");
        assertThat(Files.readString(dir.resolve("mq/acl"))).contains("pattern readwrite sup/%u/#")
                .contains("user sup-portal\ntopic readwrite sup/#");
        assertThat(Files.readString(dir.resolve("mq/mosquitto.conf"))).contains("listener 1999 127.0.0.1")
                .contains("allow_anonymous false");
        assertThat(Optional.of(result.out())).hasValueSatisfying(out -> assertThat(out).contains("mosquitto -c"));
    }

    @Test
    void release_publishListWithdrawFromTheCommandLine_andABadPolicyNamesItsColumn() throws Exception {
        Path sup = org.suptools.portal.TestSups.write(dir, "acme-config", "1.5.0");
        assertThat(run("file", "upload", sup.toString(), "--data", data()).exit()).isZero();

        Run bad = run("release", "publish", "acme-config-1.5.0.sup", "--data", data(), "--policy", "product == dw\"");
        Run published = run("release", "publish", "acme-config-1.5.0.sup", "--data", data(), "--policy",
                "product == \"dw-gateway\"");
        Run again = run("release", "publish", "acme-config-1.5.0.sup", "--data", data(), "--policy", "true");
        Run listed = run("release", "list", "--data", data());
        JsonNode json = DataDir.mapper().readTree(run("release", "list", "--data", data(), "--json").out());
        Run withdrawn = run("release", "withdraw", "acme-config", "1.5.0", "--data", data());

        assertThat(bad.exit()).isEqualTo(2);
        assertThat(bad.err()).isEqualTo("sup-portal: policy: column 14: the string is not closed with '\"'\n");
        assertThat(published.exit()).isZero();
        assertThat(published.out()).startsWith("published acme-config 1.5.0 from acme-config-1.5.0.sup (");
        assertThat(again.exit()).isEqualTo(3);
        assertThat(listed.out()).contains("acme-config").contains("1.5.0").contains("product == \"dw-gateway\"");
        assertThat(json.get(0).get("sha256").asText()).hasSize(64);
        assertThat(json.get(0).get("offered").asBoolean()).isTrue();
        assertThat(withdrawn.out()).isEqualTo("withdrew acme-config 1.5.0\n");
        assertThat(run("release", "list", "--data", data()).out()).isEqualTo("no releases\n");
    }

    @Test
    void ota_offerSettingsAndShowFromTheCommandLine_persistedForServe() throws Exception {
        Path sup = org.suptools.portal.TestSups.write(dir, "dw-firmware", "1.5.0");
        assertThat(run("file", "upload", sup.toString(), "--data", data()).exit()).isZero();

        Run offered = run("ota", "offer", "dw-firmware-1.5.0.sup", "--data", data());
        Run set = run("ota", "set", "keepAlive", "60", "--data", data());
        Run badKey = run("ota", "set", "bad key", "1", "--data", data());
        Run unsetMissing = run("ota", "unset", "nothing", "--data", data());
        Run shown = run("ota", "show", "--data", data());
        JsonNode json = DataDir.mapper().readTree(run("ota", "show", "--json", "--data", data()).out());

        assertThat(offered.out()).startsWith("offering dw-firmware 1.5.0 from dw-firmware-1.5.0.sup (");
        assertThat(set.out()).isEqualTo("keepAlive = 60\n");
        assertThat(badKey.exit()).isEqualTo(2);
        assertThat(badKey.err()).startsWith("sup-portal: KEY: a setting key is");
        assertThat(unsetMissing.exit()).isEqualTo(2);
        assertThat(shown.out()).isEqualTo("offer:    dw-firmware 1.5.0 from dw-firmware-1.5.0.sup\n"
                + "settings: \n  keepAlive = 60\ndevices:  none\n");
        assertThat(json.get("offer").get("version").asText()).isEqualTo("1.5.0");
        assertThat(json.get("settings").get(0).get("val").asText()).isEqualTo("60");
        assertThat(Files.readString(dir.resolve("data/ota/config.json"))).contains("keepAlive");
        assertThat(run("ota", "withdraw", "--data", data()).out()).isEqualTo("no package offered\n");
        assertThat(run("ota", "show", "--data", data()).out()).startsWith("offer:    none\n");
    }
}
