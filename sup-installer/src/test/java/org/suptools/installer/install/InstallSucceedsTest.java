package org.suptools.installer.install;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.suptools.installer.api.ActionStatus;
import org.suptools.installer.api.ExitCode;
import org.suptools.installer.api.InstallStatus;
import org.suptools.installer.api.event.InstallEvent;
import org.suptools.installer.api.event.RequestInfo;
import org.suptools.installer.api.json.ContractJson;
import org.suptools.installer.api.report.Confirmation;
import org.suptools.installer.state.History;
import org.suptools.installer.state.Inventory;
import org.suptools.installer.testing.FakeRuntime;
import org.suptools.installer.testing.TestGateway;
import org.suptools.installer.testing.TestPackages;

/** A package that installs: its effects, confirmation.json, audit.log, the TR50 reply, inventory and history. */
class InstallSucceedsTest {

    @TempDir
    Path dir;

    static final String SPEC = TestPackages.header("acme-config", "1.4.0") + """
            actions:
              - id: stop
                type: runtime.stop
              - id: config
                type: file.copy
                source: app.conf
                destination: conf/app.conf
                mode: "0640"
              - id: tune
                type: properties.set
                file: conf/dwcore.user.properties
                set:
                  dw.http.port: "9090"
                  dw.new.key: hello world
                remove: [dw.debug]
              - id: old-cache
                type: file.delete
                path: cache
                recursive: true
              - id: windows-only
                type: command.run
                command: [cmd.exe, /c, exit 1]
                when:
                  os: windows
              - id: start
                type: runtime.start
            """;

    @Test
    void install_appliesEveryActionAndReportsSuccess() throws Exception {
        FakeRuntime runtime = new FakeRuntime(true);
        TestGateway gateway = TestGateway.create(dir.resolve("gw"), runtime);
        Path sup = TestPackages.signed(dir.resolve("acme-config.sup"), SPEC, Map.of("app.conf", "new app config\n"));
        List<InstallEvent> events = new ArrayList<>();

        InstallOutcome outcome = gateway.install(sup, new RequestInfo(Optional.of("C1"), Optional.of("M1"),
                Optional.empty()), events::add);

        assertThat(outcome.message()).isEqualTo("acme-config 1.4.0 installed");
        assertThat(outcome.exitCode()).isEqualTo(ExitCode.SUCCEEDED);
        assertThat(gateway.read("conf/app.conf")).isEqualTo("new app config\n");
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(gateway.home().resolve("conf/app.conf")))).isEqualTo("rw-r-----");
        assertThat(gateway.read("conf/dwcore.user.properties")).isEqualTo(
                "# local overrides\ndw.http.port = 9090\n\n! keep this comment\ndw.log.level INFO\ndw.new.key=hello world\n");
        assertThat(gateway.home().resolve("cache")).doesNotExist();
        assertThat(runtime.calls()).containsExactly("stop", "start");
        assertThat(runtime.isRunning()).isTrue();

        Confirmation confirmation = Confirmation.read(gateway.logs().resolve("confirmation.json"));
        assertThat(confirmation.status()).isEqualTo(InstallStatus.SUCCEEDED);
        assertThat(confirmation.errorCode()).isZero();
        assertThat(confirmation.pkg().name()).contains("acme-config");
        assertThat(confirmation.pkg().signers()).hasSize(1);
        assertThat(confirmation.pkg().sha256()).isEqualTo(org.suptools.model.archive.Sha256.ofFile(sup));
        assertThat(confirmation.request().campaignId()).contains("C1");
        assertThat(confirmation.actions()).extracting(a -> a.status()).containsExactly(ActionStatus.SUCCEEDED,
                ActionStatus.SUCCEEDED, ActionStatus.SUCCEEDED, ActionStatus.SUCCEEDED, ActionStatus.SKIPPED,
                ActionStatus.SUCCEEDED);
        assertThat(confirmation.completedAt()).isPresent();

        List<String> audit = Files.readAllLines(gateway.logs().resolve("audit.log"));
        assertThat(audit).hasSize(8);
        assertThat(audit.get(0)).matches("\\S+Z INFO SUP acme-config 1.4.0: install started \\(campaign C1, mailbox M1\\)");
        assertThat(audit.get(2)).endsWith("INFO SUP acme-config 1.4.0: action 2/6 file.copy succeeded");
        assertThat(audit.get(5)).contains("INFO SUP acme-config 1.4.0: action 5/6 command.run skipped: condition os=windows");
        assertThat(audit.get(7)).endsWith("INFO SUP acme-config 1.4.0: installed successfully");

        JsonNode reply = ContractJson.mapper().readTree(gateway.logs().resolve("tr50-reply.json").toFile());
        assertThat(reply.size()).isEqualTo(9);
        assertThat(reply.get("3").get("command").asText()).isEqualTo("log.publish");
        assertThat(reply.get("3").get("params").get("msg").asText())
                .isEqualTo("SUP acme-config 1.4.0: action 2/6 file.copy succeeded");
        assertThat(reply.get("3").get("params").get("level").asInt()).isEqualTo(2);
        assertThat(reply.get("3").get("params").get("thingKey").asText()).isEqualTo("gw-1");
        assertThat(reply.get("3").get("params").get("corrId").asText()).isEqualTo("M1");
        JsonNode ack = reply.get("9");
        assertThat(ack.get("command").asText()).isEqualTo("mailbox.ack");
        assertThat(ack.get("params").toString()).isEqualTo(
                "{\"id\":\"M1\",\"errorCode\":0,\"errorMessage\":\"\",\"params\":{\"status\":\"success\",\"name\":\"acme-config\",\"version\":\"1.4.0\"}}");

        assertThat(gateway.stateDir().resolve("replies/" + confirmation.installId() + ".json"))
                .hasSameTextualContentAs(gateway.logs().resolve("tr50-reply.json"));
        assertThat(Inventory.read(gateway.stateDir()).installed("acme-config")).get()
                .satisfies(p -> assertThat(p.version()).hasToString("1.4.0"));
        assertThat(History.read(gateway.stateDir())).singleElement()
                .satisfies(h -> assertThat(h.status()).isEqualTo(InstallStatus.SUCCEEDED));
        assertThat(gateway.stateDir().resolve("journal/current.jsonl")).doesNotExist();
        assertThat(gateway.stateDir().resolve("journal/last.jsonl")).exists();
        assertThat(gateway.stateDir().resolve("backup").toFile().list()).isEmpty();
        assertThat(events).first().isInstanceOf(InstallEvent.Started.class);
        assertThat(events).last().isInstanceOf(InstallEvent.Finished.class);
    }
}
