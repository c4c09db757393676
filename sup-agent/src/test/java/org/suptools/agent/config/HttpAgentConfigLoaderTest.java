package org.suptools.agent.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code backend: {type: http}} config: read strictly, every problem named, settings kept over the file. */
class HttpAgentConfigLoaderTest {

    static final String ID = "https://suptools.org/schemas/agent-http-config.schema.json";
    static final com.networknt.schema.Schema SCHEMA = com.networknt.schema.SchemaRegistry.withDefaultDialect(
            com.networknt.schema.SpecificationVersion.DRAFT_2020_12, builder -> builder.schemas(iri -> iri.equals(ID)
                    ? AgentConfigLoaderTest.read(Path.of("../docs/schema/agent-http-config.schema.json")) : null))
            .getSchema(com.networknt.schema.SchemaLocation.of(ID));

    private static java.util.List<com.networknt.schema.Error> schemaErrors(Path file) throws Exception {
        return SCHEMA.validate(new com.fasterxml.jackson.dataformat.yaml.YAMLMapper().readTree(file.toFile()));
    }

    @TempDir
    Path dir;

    @BeforeEach
    void gateway() throws Exception {
        Files.writeString(dir.resolve("gateway.yaml"), "runtimeHome: rt\n");
        Files.writeString(dir.resolve("gw-1.token"), "token-1\n");
    }

    private Path write(String yaml) throws Exception {
        return Files.writeString(dir.resolve("agent.yaml"), yaml);
    }

    @Test
    void load_readsTheBackendWithTheDeviceIdForEachAt() throws Exception {
        Path file = write("""
                backend:
                  type: http
                  versionUrl: http://portal:8080/ota/version
                  packageUrl: http://portal:8080/ota/package/@
                  notifyUrl: http://portal:8080/ota/notify/@?from=@
                  deviceId: gw-1
                  passwordFile: gw-1.token
                  packageName: acme-runtime
                  checkPeriod: 1hr
                gatewayConfig: gateway.yaml
                stateDir: state
                """);

        assertThat(HttpAgentConfigLoader.declaresBackend(file)).isTrue();
        HttpAgentConfig config = HttpAgentConfigLoader.load(file);

        assertThat(config.backend().packageUri()).hasToString("http://portal:8080/ota/package/gw-1");
        assertThat(config.backend().notifyUri()).hasValueSatisfying(uri -> assertThat(uri)
                .hasToString("http://portal:8080/ota/notify/gw-1?from=gw-1"));
        assertThat(config.backend().user()).contains("gw-1");
        assertThat(config.backend().password()).contains("token-1");
        assertThat(config.backend().userAgent()).isEqualTo("sup-agent/gw-1");
        assertThat(config.backend().checkPeriod()).hasHours(1);
        assertThat(config.stateDir()).isEqualTo(dir.resolve("state"));
        assertThat(config.backend().toString()).doesNotContain("token-1");
        assertThat(schemaErrors(file)).as("the schema takes what the loader takes").isEmpty();
    }

    @Test
    void aTr50OnlyCommand_withAnHttpBackendConfig_isAUsageErrorSayingWhy() throws Exception {
        Path file = write("""
                backend: {type: http, versionUrl: "http://p/v", packageUrl: "http://p/@", deviceId: gw-1}
                gatewayConfig: gateway.yaml
                """);
        java.io.StringWriter err = new java.io.StringWriter();
        picocli.CommandLine cli = org.suptools.agent.cli.AgentMain.commandLine();
        cli.setErr(new java.io.PrintWriter(err));

        int exit = cli.execute("campaign-check", "--config", file.toString());

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).startsWith("sup-agent: agent.yaml: backend: this command needs a TR50 portal");
    }

    @Test
    void checkJitter_isATenthOfThePeriodByDefault_takenWhenLessThanIt_andRefusedOtherwise() throws Exception {
        HttpAgentConfig byDefault = HttpAgentConfigLoader.load(write("""
                backend: {type: http, versionUrl: "http://p/v", packageUrl: "http://p/@", deviceId: gw-1, checkPeriod: 1hr}
                gatewayConfig: gateway.yaml
                """));
        Path given = write("""
                backend: {type: http, versionUrl: "http://p/v", packageUrl: "http://p/@", deviceId: gw-1, checkPeriod: 1hr,
                          checkJitter: 20min}
                gatewayConfig: gateway.yaml
                """);
        HttpAgentConfig taken = HttpAgentConfigLoader.load(given);

        assertThat(byDefault.backend().jitter()).hasMinutes(6);
        assertThat(taken.backend().jitter()).hasMinutes(20);
        assertThat(taken.backend().withCheckPeriod(java.time.Duration.ofMinutes(10)).jitter())
                .as("a period the backend shortens below the jitter").hasMinutes(1);
        assertThat(schemaErrors(given)).isEmpty();
        assertThatThrownBy(() -> HttpAgentConfigLoader.load(write("""
                backend: {type: http, versionUrl: "http://p/v", packageUrl: "http://p/@", deviceId: gw-1, checkPeriod: 1hr,
                          checkJitter: 1hr}
                gatewayConfig: gateway.yaml
                """))).hasMessageContaining("backend.checkJitter: must be less than backend.checkPeriod (1hr), was 1hr");
    }

    @Test
    void declaresBackend_isFalseForATr50Config() throws Exception {
        assertThat(HttpAgentConfigLoader.declaresBackend(write("thingKey: gw-1\nbroker: tcp://b:1883\n"))).isFalse();
    }

    @Test
    void load_namesEveryBadField() throws Exception {
        Path file = write("""
                backend:
                  type: tr50
                  versionUrl: ftp://portal/ota/version
                  packageUrl: http://user:pw@portal/ota/package/@
                  deviceId: "gw/1"
                  password: p
                  passwordFile: gw-1.token
                  packageName: Acme Runtime
                  checkPeriod: 2 fortnights
                gatewayConfig: nowhere.yaml
                downloadAttempts: 0
                broker: tcp://b:1883
                """);

        assertThatThrownBy(() -> HttpAgentConfigLoader.load(file)).isInstanceOf(AgentConfigException.class)
                .satisfies(e -> assertThat(e.getMessage().lines()).contains(
                        "agent.yaml: backend.type: must be http, was 'tr50' (leave backend out for a TR50 portal)",
                        "agent.yaml: backend.versionUrl: must be an http or https URL, such as "
                                + "http://portal:8080/ota/version (credentials go in backend.user and "
                                + "backend.passwordFile), was 'ftp://portal/ota/version'",
                        "agent.yaml: backend.packageUrl: must be an http or https URL, @ for the device id, such as "
                                + "http://portal:8080/ota/package/@ (credentials go in backend.user and "
                                + "backend.passwordFile), was 'http://user:pw@portal/ota/package/@'",
                        "agent.yaml: backend.passwordFile: cannot be combined with backend.password: give one",
                        "agent.yaml: downloadAttempts: must be a whole number from 1 to 100, was 0")
                        .anySatisfy(line -> assertThat(line).startsWith("agent.yaml: backend.deviceId: must be"))
                        .anySatisfy(line -> assertThat(line).startsWith("agent.yaml: backend.packageName: must be"))
                        .anySatisfy(line -> assertThat(line).startsWith("agent.yaml: backend.checkPeriod"))
                        .anySatisfy(line -> assertThat(line).startsWith("agent.yaml: gatewayConfig: no such file"))
                        .anySatisfy(line -> assertThat(line).startsWith("agent.yaml: broker")));
        assertThat(schemaErrors(file)).as("the schema refuses it too").isNotEmpty();
    }

    @Test
    void load_appliesTheKeptSettingsOverTheFile_andRefusesAKeptOneItCannotTake() throws Exception {
        Path file = write("""
                backend: {type: http, versionUrl: "http://p/v", packageUrl: "http://p/@", deviceId: gw-1}
                gatewayConfig: gateway.yaml
                stateDir: state
                installTimeout: 10m
                """);
        Path kept = Files.createDirectories(dir.resolve("state/ota")).resolve("settings.json");
        Files.write(kept, BackendSettings.bytes(Map.of("installTimeout", "2h", "versionInterval", "600")));

        HttpAgentConfig config = HttpAgentConfigLoader.load(file);

        assertThat(config.installTimeout()).hasHours(2);
        assertThat(config.backend().checkPeriod()).hasMinutes(10);
        Files.write(kept, BackendSettings.bytes(Map.of("gatewayConfig", "/tmp/other.yaml")));
        assertThatThrownBy(() -> HttpAgentConfigLoader.load(file)).hasMessageContaining("settings.json: settings: key "
                + "'gatewayConfig' is not a setting this agent takes");
    }

    @Test
    void apply_refusesValuesThatDoNotFitTheKey() throws Exception {
        HttpAgentConfig config = HttpAgentConfigLoader.load(write("""
                backend: {type: http, versionUrl: "http://p/v", packageUrl: "http://p/@", deviceId: gw-1}
                gatewayConfig: gateway.yaml
                """));

        assertThatThrownBy(() -> BackendSettings.apply(config, "checkPeriod", "soon"))
                .hasMessageStartingWith("settings: checkPeriod: 'soon' is not a duration");
        assertThatThrownBy(() -> BackendSettings.apply(config, "versionInterval", "-5"))
                .hasMessage("settings: versionInterval: must be from 1 to 86400 seconds, was '-5'");
        assertThatThrownBy(() -> BackendSettings.apply(config, "keepAlive\n", "60"))
                .hasMessageStartingWith("settings: key 'keepAlive?' is not a setting this agent takes");
        assertThat(BackendSettings.apply(config, "downloadAttempts", "3").downloadAttempts()).isEqualTo(3);
    }
}
