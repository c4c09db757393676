package org.suptools.installer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.suptools.installer.api.json.ContractJson;
import org.suptools.installer.testing.InstallerProcess;
import org.suptools.installer.testing.TestGateway;
import org.suptools.installer.testing.TestPackages;
import org.suptools.installer.testing.TreeSnapshot;
import org.suptools.model.signing.PemKeys;
import picocli.CommandLine;

/**
 * A bad gateway config is a usage error (exit 2) for every command that works on a gateway,
 * refused before the lock is taken or anything is written, and {@code check-config} lists every
 * problem of it at once.
 */
class BadGatewayConfigTest {

    @TempDir
    Path dir;

    TestGateway gateway;
    Path sup;

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

    @BeforeEach
    void gatewayAndPackage() throws Exception {
        gateway = TestGateway.create(dir.resolve("gw"), null);
        sup = TestPackages.signed(dir.resolve("acme.sup"), TestPackages.header("acme", "1.0.0") + """
                actions:
                  - id: config
                    type: file.copy
                    source: app.conf
                    destination: conf/app.conf
                """, Map.of("app.conf", "new\n"));
    }

    /** The test gateway's config with one line replaced (or appended when {@code from} is null). */
    Path configWith(String from, String to) throws Exception {
        String text = Files.readString(gateway.configFile());
        Path file = gateway.dir().resolve("bad.yaml");
        Files.writeString(file, from == null ? text + to : text.replace(from, to));
        return file;
    }

    /** Every gateway command, with this config: each exits 2 naming {@code field}, and nothing on disk changes. */
    void everyCommandRefuses(Path config, String field) throws Exception {
        Path reply = dir.resolve("reply.json");
        List<List<String>> commands = List.of(
                List.of("install", sup.toString(), "--config", config.toString(), "--mailbox-id", "M1",
                        "--tr50-reply", reply.toString()),
                List.of("recover", "--config", config.toString()),
                List.of("status", "--config", config.toString()),
                List.of("history", "--config", config.toString()),
                List.of("check-config", "--config", config.toString()));
        for (List<String> command : commands) {
            TreeSnapshot before = TreeSnapshot.of(dir);
            Run result = run(command.toArray(String[]::new));

            assertThat(result.exit()).as(command + ": " + result.err()).isEqualTo(2);
            assertThat(result.out() + result.err()).as(command.get(0)).contains("bad.yaml: " + field + ": ");
            TreeSnapshot after = TreeSnapshot.of(dir);
            assertThat(after).as(command.get(0) + " changed: " + before.diff(after)).isEqualTo(before);
        }
        assertThat(reply).as("no TR50 reply blames the package").doesNotExist();
        assertThat(gateway.home().resolve("logs/confirmation.json")).doesNotExist();
    }

    @Test
    void runtimeHomeMissing_isRefusedByEveryCommand() throws Exception {
        everyCommandRefuses(configWith("runtimeHome: dwcore", "runtimeHome: gone"), "runtimeHome");
        assertThat(gateway.dir().resolve("gone")).doesNotExist();
        assertThat(gateway.dir().resolve("gone.sup-state")).doesNotExist();
    }

    @Test
    void runtimeHomeAFile_isRefusedByEveryCommand() throws Exception {
        Files.writeString(gateway.dir().resolve("home-file"), "x");
        everyCommandRefuses(configWith("runtimeHome: dwcore", "runtimeHome: home-file"), "runtimeHome");
    }

    @Test
    void trustStoreHoldingAPrivateKey_isRefused_andNoReportBlamesThePackage() throws Exception {
        Path store = Files.createDirectories(gateway.dir().resolve("bad-trust"));
        Files.writeString(store.resolve("ci.pem"), PemKeys.toPem(TestPackages.TRUSTED.getPrivate()));

        everyCommandRefuses(configWith("store: trust", "store: bad-trust"), "trust.store");
        assertThat(run("check-config", "--config", gateway.dir().resolve("bad.yaml").toString()).out())
                .contains(store.resolve("ci.pem").toString());
    }

    @Test
    void stateDirThatCannotBeWritten_isRefusedByEveryCommand() throws Exception {
        everyCommandRefuses(configWith(null, "stateDir: /proc/rt-state\n"), "stateDir");
    }

    @Test
    void logsDirThatCannotBeWritten_isRefusedByEveryCommand() throws Exception {
        everyCommandRefuses(configWith(null, "logsDir: /proc/rt-logs\n"), "logsDir");
    }

    @Test
    void thresholdAboveTheKeys_orNotWhole_isRefused() throws Exception {
        everyCommandRefuses(configWith("store: trust", "store: trust\n  threshold: 2"), "trust.threshold");
        everyCommandRefuses(configWith("store: trust", "store: trust\n  threshold: 1.5"), "trust.threshold");
    }

    @Test
    void allowedRootNull_isRefusedNamingTheEntry() throws Exception {
        everyCommandRefuses(configWith(null, "allowedRoots: [null]\n"), "allowedRoots[0]");
    }

    @Test
    void checkConfig_onAGoodConfig_saysOkWithASummary() throws Exception {
        Run ok = run("check-config", "--config", gateway.configFile().toString());

        assertThat(ok.exit()).as(ok.out() + ok.err()).isZero();
        assertThat(ok.out()).startsWith(gateway.configFile() + ": ok")
                .contains("identity:      dw-gateway/linux/x86_64 runtime 1.0.0, thing key gw-1")
                .contains("allowed roots: " + gateway.home())
                .contains("trust:         1 key in " + gateway.dir().resolve("trust") + ", 1 signature required")
                .containsPattern("  key [0-9a-f]{16,}");

        JsonNode json = ContractJson.mapper().readTree(run("check-config", "--config", gateway.configFile().toString(),
                "--json").out());
        assertThat(json.get("ok").asBoolean()).isTrue();
        assertThat(json.get("identity").get("thingKey").asText()).isEqualTo("gw-1");
        assertThat(json.get("trust").get("keyIds")).hasSize(1);
        assertThat(json.get("allowedRoots").get(0).asText()).isEqualTo(gateway.home().toString());
    }

    @Test
    void checkConfig_listsEveryProblemAtOnce_oneLineEach() throws Exception {
        Path config = configWith("runtimeHome: dwcore", "runtimeHome: gone\nminFreeSpace: lots\nstateDir: /proc/x\n"
                + "allowedRoots: [null]");

        Run bad = run("check-config", "--config", config.toString());

        assertThat(bad.exit()).isEqualTo(2);
        List<String> lines = bad.out().lines().toList();
        assertThat(lines).anySatisfy(line -> assertThat(line).startsWith(config + ": minFreeSpace: 'lots' is not a size"))
                .anySatisfy(line -> assertThat(line).startsWith(config + ": runtimeHome: "))
                .anySatisfy(line -> assertThat(line).startsWith(config + ": stateDir: "))
                .anySatisfy(line -> assertThat(line).startsWith(config + ": allowedRoots[0]: "));
        assertThat(lines.get(lines.size() - 1)).isEqualTo(config + ": 4 problems; the installer refuses this config (exit 2)");

        JsonNode json = ContractJson.mapper().readTree(run("check-config", "--config", config.toString(), "--json").out());
        assertThat(json.get("ok").asBoolean()).isFalse();
        List<String> fields = new ArrayList<>();
        json.get("problems").forEach(problem -> fields.add(problem.get("field").asText()));
        assertThat(fields).containsExactlyInAnyOrder("minFreeSpace", "runtimeHome", "stateDir", "allowedRoots[0]");
    }

    @Test
    void checkConfig_onMalformedYaml_givesFileLineAndColumn() throws Exception {
        Path config = Files.writeString(dir.resolve("gateway.yaml"), "runtimeHome: dwcore\ntrust:\n  store: keys\n"
                + "identity:\n  product: p\n  os: linux\n architecture: x\n");

        Run bad = run("check-config", "--config", config.toString());
        Run install = run("install", sup.toString(), "--config", config.toString());

        assertThat(bad.exit()).isEqualTo(2);
        assertThat(bad.out()).startsWith(config + ":7:").contains("not valid YAML");
        assertThat(install.exit()).isEqualTo(2);
        assertThat(install.err().strip()).startsWith("sup-installer: gateway.yaml:7:").doesNotContain("\n");
        JsonNode json = ContractJson.mapper().readTree(run("check-config", "--config", config.toString(), "--json").out());
        assertThat(json.get("problems").get(0).get("line").asInt()).isEqualTo(7);
    }

    @Test
    void theRealProcess_refusesABadConfigWithExit2_andCreatesNothing() throws Exception {
        Path config = configWith("runtimeHome: dwcore", "runtimeHome: gone");
        TreeSnapshot before = TreeSnapshot.of(dir);

        InstallerProcess install = InstallerProcess.start(List.of("install", sup.toString(), "--config",
                config.toString()), Optional.empty());
        int exit = install.waitFor(120);

        assertThat(exit).as(install.stderr().toString()).isEqualTo(2);
        assertThat(install.stderr()).singleElement().asString()
                .startsWith("sup-installer: bad.yaml: runtimeHome: " + gateway.dir().resolve("gone") + " does not exist");
        assertThat(TreeSnapshot.of(dir)).isEqualTo(before);

        InstallerProcess check = InstallerProcess.start(List.of("check-config", "--config", config.toString()),
                Optional.empty());
        assertThat(check.waitFor(120)).isEqualTo(2);
        assertThat(check.stdout()).anySatisfy(line -> assertThat(line).contains("runtimeHome"));
    }
}
