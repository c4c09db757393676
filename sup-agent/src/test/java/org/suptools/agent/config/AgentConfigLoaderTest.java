package org.suptools.agent.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.suptools.model.json.SupJson;
import org.suptools.tr50.Topics;

class AgentConfigLoaderTest {

    static final Path SCHEMA = Path.of("../docs/schema/agent-config.schema.json");
    static final String ID = "https://suptools.org/schemas/agent-config.schema.json";
    static final Schema VALIDATOR = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
            builder -> builder.schemas(iri -> iri.equals(ID) ? read(SCHEMA) : null)).getSchema(SchemaLocation.of(ID));

    @TempDir
    Path dir;

    @BeforeEach
    void gateway() throws IOException {
        Files.writeString(dir.resolve("gateway.yaml"), "runtimeHome: rt\n");
    }

    @Test
    void load_appliesTheDefaultsAndResolvesPathsFromTheFile() throws Exception {
        AgentConfig config = AgentConfigLoader.load(write("""
                thingKey: gw-1
                appId: app-gw-1
                appToken: secret
                broker: tcp://localhost:1883
                topicPrefix: sup
                fileEndpoint: http://localhost:8080/
                gatewayConfig: gateway.yaml
                """));

        assertThat(config.topics()).isEqualTo(Topics.perThing("sup", "gw-1"));
        assertThat(config.topics().api(org.suptools.tr50.TopicNumber.of(1))).isEqualTo("sup/gw-1/api/0001");
        assertThat(config.fileEndpoint()).isEqualTo(URI.create("http://localhost:8080"));
        assertThat(config.gatewayConfig()).isEqualTo(dir.resolve("gateway.yaml"));
        assertThat(config.stateDir()).isEqualTo(dir.resolve("sup-agent-state"));
        assertThat(config.checkPeriod()).isEqualTo(Duration.ofMinutes(5));
        assertThat(config.checkJitter()).as("a tenth of the period").isEqualTo(Duration.ofSeconds(30));
        assertThat(config.downloadAttempts()).isEqualTo(6);
        assertThat(config.tls()).isFalse();
        assertThat(config.toString()).doesNotContain("secret");
    }

    @Test
    void load_readsTheTokenFromItsFileAndKeepsThePortalsTopicsWithoutAPrefix() throws Exception {
        Files.writeString(dir.resolve("token"), "s3cret\n");

        AgentConfig config = AgentConfigLoader.load(write("""
                thingKey: gw-1
                appId: app-gw-1
                appTokenFile: token
                broker: ssl://portal.example:8883
                fileEndpoint: https://portal.example
                gatewayConfig: gateway.yaml
                checkPeriod: 30s
                """));

        assertThat(config.appToken()).isEqualTo("s3cret");
        assertThat(config.topics()).isEqualTo(Topics.PORTAL);
        assertThat(config.tls()).isTrue();
        assertThat(config.checkPeriod()).isEqualTo(Duration.ofSeconds(30));
        assertThat(config.checkJitter()).isEqualTo(Duration.ofSeconds(3));
    }

    @Test
    void load_readsTheStagePolicy_automaticByDefault_andRefusesAnActivationApproval() throws Exception {
        String yaml = """
                thingKey: gw-1
                appId: app-gw-1
                appToken: secret
                broker: tcp://localhost:1883
                fileEndpoint: http://localhost:8080
                gatewayConfig: gateway.yaml
                """;
        Files.writeString(dir.resolve("gateway.yaml"), "runtimeHome: rt\n");

        assertThat(AgentConfigLoader.load(write(yaml)).stagePolicy()).isEqualTo(StagePolicy.AUTOMATIC);
        assertThat(AgentConfigLoader.load(write(yaml + "stagePolicy:\n  execution: approval\n")).stagePolicy())
                .isEqualTo(new StagePolicy(false, true));
        Path bad = write(yaml + "stagePolicy:\n  download: later\n  activation: approval\n");
        assertThatThrownBy(() -> AgentConfigLoader.load(bad)).satisfies(e -> assertThat(e.getMessage().lines())
                .containsExactlyInAnyOrder("agent.yaml: stagePolicy.download: must be automatic or approval, was 'later'",
                        "agent.yaml: stagePolicy.activation: must be automatic, was 'approval': the installer activates"
                                + " (runtime.restart, firmware.update) within the install, so there is no separate"
                                + " activation to hold for approval"));
        assertThat(errors(yaml + "stagePolicy:\n  download: later\n")).as("the schema refuses it too").isNotEmpty();
        assertThat(errors(yaml + "stagePolicy:\n  execution: approval\n")).isEmpty();
    }

    @Test
    void load_takesAJitterShorterThanThePeriodAndRefusesOneAsLong() throws Exception {
        String yaml = """
                thingKey: gw-1
                appId: app-gw-1
                appToken: secret
                broker: tcp://localhost:1883
                fileEndpoint: http://localhost:8080
                gatewayConfig: gateway.yaml
                checkPeriod: 2m
                """;

        assertThat(AgentConfigLoader.load(write(yaml + "checkJitter: 45s\n")).checkJitter())
                .isEqualTo(Duration.ofSeconds(45));
        Path tooLong = write(yaml + "checkJitter: 2m\n");
        assertThatThrownBy(() -> AgentConfigLoader.load(tooLong))
                .hasMessage("agent.yaml: checkJitter: must be less than period (2min), was 2min");
        assertThat(AgentConfigLoader.load(write(yaml + "checkJitter: 0\n")).checkJitter()).as("0 is no spread")
                .isZero();
        assertThat(errors(yaml + "checkJitter: 0\n")).as("the schema takes 0 too").isEmpty();
    }

    @Test
    void load_readsTheCheckKeys_seed001sWords_andTheOlderNames() throws Exception {
        String yaml = """
                thingKey: gw-1
                appId: app-gw-1
                appToken: secret
                broker: tcp://localhost:1883
                fileEndpoint: http://localhost:8080
                gatewayConfig: gateway.yaml
                """;

        AgentConfig config = AgentConfigLoader.load(write(yaml + """
                checkForUpdates: true
                period: 1day
                jitter: 30min
                schedule: "* 8-17 * * 1-5"
                apply: "* 0-5 * * *"
                throttle: 64KiB/s
                """));
        assertThat(config.checkPeriod()).isEqualTo(Duration.ofDays(1));
        assertThat(config.checkJitter()).isEqualTo(Duration.ofMinutes(30));
        assertThat(config.checks().enabled()).isTrue();
        assertThat(config.checks().schedule()).map(Window::text).contains("* 8-17 * * 1-5");
        assertThat(config.checks().apply()).map(Window::text).contains("* 0-5 * * *");
        assertThat(config.checks().throttle()).isEqualTo(Throttle.rate(65536));
        assertThat(AgentConfigLoader.load(write(yaml + "period: 90\njitter: 0\n")).checkPeriod())
                .as("a plain number is seconds").isEqualTo(Duration.ofSeconds(90));
        assertThat(AgentConfigLoader.load(write(yaml + "checkPeriod: 1hr\n")).checkPeriod()).isEqualTo(Duration.ofHours(1));
        assertThat(AgentConfigLoader.load(write(yaml)).checks()).as("off unless asked for")
                .satisfies(checks -> assertThat(checks.enabled()).isFalse())
                .satisfies(checks -> assertThat(checks.throttle().none()).isTrue());
        assertThat(errors(yaml + "checkForUpdates: true\nperiod: 1day\njitter: 30min\nschedule: \"* 8-17 * * 1-5\"\n"
                + "apply: \"* 0-5 * * *\"\nthrottle: 64KiB/s\n")).isEmpty();
    }

    @Test
    void load_refusesEveryBadCheckKey_namingTheFileAndTheKey() throws Exception {
        Path file = write("""
                thingKey: gw-1
                appId: app-gw-1
                appToken: secret
                broker: tcp://localhost:1883
                fileEndpoint: http://localhost:8080
                gatewayConfig: gateway.yaml
                period: 1fortnight
                checkPeriod: 1hr
                jitter: 2day
                schedule: "* 8-17 * *"
                apply: "* 25 * * *"
                throttle: fast
                """);

        assertThatThrownBy(() -> AgentConfigLoader.load(file)).isInstanceOf(AgentConfigException.class)
                .satisfies(e -> assertThat(e.getMessage().lines().toList()).containsExactlyInAnyOrder(
                        "agent.yaml: checkPeriod: is the older name of period: give one of them",
                        "agent.yaml: period: '1fortnight' has an unknown unit 'fortnight' (examples: 90 (seconds), "
                                + "500ms, 30s, 30min, 1hr, 1day)",
                        "agent.yaml: jitter: must be less than period (5min), was 2day",
                        "agent.yaml: schedule: '* 8-17 * *' must have 5 fields (minute hour day-of-month month "
                                + "day-of-week), such as '* 8-17 * * 1-5', has 4",
                        "agent.yaml: apply: hour '25' must be *, a number from 0 to 23, a range a-b, a step */n or "
                                + "a-b/n, or a comma list of these",
                        "agent.yaml: throttle: 'fast' is neither a pause per 4 KiB read (10ms, or 10 for milliseconds) "
                                + "nor a rate (64KiB/s, 1MiB/s, 500KB/s)"));
    }

    @Test
    void load_namesTheFileAndEveryBadFieldOnALineEach() throws Exception {
        Path file = write("""
                thingKey: gw/1
                appId: app
                broker: http://localhost
                fileEndpoint: ftp://x
                gatewayConfig: missing.yaml
                checkPeriod: soon
                colour: blue
                """);

        assertThatThrownBy(() -> AgentConfigLoader.load(file)).isInstanceOf(AgentConfigException.class)
                .satisfies(e -> assertThat(e.getMessage().lines().toList()).containsExactlyInAnyOrder(
                        "agent.yaml: colour: unknown field (known: appId, appToken, appTokenFile, apply, broker, caFile, "
                                + "checkForUpdates, checkJitter, checkPeriod, downloadAttempts, fileEndpoint, gatewayConfig, "
                                + "installTimeout, installer, jitter, manage, period, replyTimeout, schedule, stagePolicy, "
                                + "stateDir, thingKey, throttle, topicPrefix)",
                        "agent.yaml: checkPeriod: 'soon' is not a duration (examples: 90 (seconds), 500ms, 30s, 30min, "
                                + "1hr, 1day)",
                        "agent.yaml: thingKey: must not contain '/', '+', '#' or NUL (it is a topic level), was 'gw/1'",
                        "agent.yaml: appToken: is required (or appTokenFile, a file holding it)",
                        "agent.yaml: broker: must be tcp://host:port or ssl://host:port, was 'http://localhost'",
                        "agent.yaml: fileEndpoint: must be an http or https URL, such as http://portal:8080, "
                                + "was 'ftp://x'",
                        "agent.yaml: gatewayConfig: no such file: " + dir.resolve("missing.yaml")));
    }

    @Test
    void load_refusesBothTokenFormsAndABrokerWithoutAPort() throws Exception {
        Path file = write("""
                thingKey: gw-1
                appId: app
                appToken: a
                appTokenFile: token
                broker: tcp://localhost
                fileEndpoint: http://x
                gatewayConfig: gateway.yaml
                topicPrefix: "+bad"
                downloadAttempts: 0
                """);

        assertThatThrownBy(() -> AgentConfigLoader.load(file)).satisfies(e -> assertThat(e.getMessage().lines())
                .containsExactlyInAnyOrder(
                        "agent.yaml: appTokenFile: cannot be combined with appToken: give one of them",
                        "agent.yaml: broker: must name a port, such as tcp://localhost:1883",
                        "agent.yaml: topicPrefix: must be topic levels without '+', '#', a leading '/' or '$' and "
                                + "without empty levels, such as 'fleet1', was '+bad'",
                        "agent.yaml: downloadAttempts: must be a whole number from 1 to 100, was 0"));
    }

    @Test
    void load_refusesACaFileWithoutACertificate() throws Exception {
        Files.writeString(dir.resolve("empty.pem"), "");
        Path file = write("""
                thingKey: gw-1
                appId: app-gw-1
                appToken: t
                broker: ssl://localhost:8883
                fileEndpoint: https://localhost
                gatewayConfig: gateway.yaml
                caFile: empty.pem
                """);

        assertThatThrownBy(() -> AgentConfigLoader.load(file)).satisfies(e -> assertThat(e.getMessage().lines())
                .singleElement().asString().startsWith("agent.yaml: caFile: " + dir.resolve("empty.pem") + " "));
    }

    @Test
    void load_refusesAFileThatIsNotAMapping() throws Exception {
        Path file = write("- a\n- b\n");

        assertThatThrownBy(() -> AgentConfigLoader.load(file))
                .hasMessage("agent.yaml: must be a mapping of field names to values, not a list");
    }

    @Test
    void schema_hasTheFieldsTheLoaderReads() throws IOException {
        JsonNode schema = SupJson.json().readTree(SCHEMA.toFile());
        Set<String> properties = new TreeSet<>();
        schema.path("properties").fieldNames().forEachRemaining(properties::add);

        assertThat(properties).isEqualTo(Arrays.stream(AgentConfigLoader.RawConfig.class.getRecordComponents())
                .map(c -> c.getName()).collect(Collectors.toCollection(TreeSet::new)));
    }

    @Test
    void schema_acceptsTheDocsExampleAndRefusesWhatTheLoaderRefuses() throws Exception {
        String docs = read(Path.of("../docs/reference/agent.md"));
        int start = docs.indexOf("```yaml\nthingKey:");
        String example = docs.substring(start + "```yaml\n".length(), docs.indexOf("```", start + 7));

        assertThat(errors(example)).isEmpty();
        assertThat(errors(example.replace("broker: tcp://localhost:1883", "broker: http://localhost"))).isNotEmpty();
        assertThat(errors(example.replace("appTokenFile: gw-1.token", "appToken: a\nappTokenFile: t"))).isNotEmpty();
    }

    private List<String> errors(String yaml) throws IOException {
        return VALIDATOR.validate(SupJson.yaml().readTree(yaml)).stream().map(Error::toString).toList();
    }

    private Path write(String yaml) throws IOException {
        return Files.writeString(dir.resolve("agent.yaml"), yaml);
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
