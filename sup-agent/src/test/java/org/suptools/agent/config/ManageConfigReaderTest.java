package org.suptools.agent.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code manage} section of the agent config: off by default, never open without authentication. */
class ManageConfigReaderTest {

    @TempDir
    Path dir;
    String base;

    @BeforeEach
    void setUp() throws IOException {
        Files.writeString(dir.resolve("gateway.yaml"), "runtimeHome: home\n");
        base = """
                thingKey: gw-1
                appId: app-gw-1
                appToken: secret
                broker: tcp://localhost:1883
                fileEndpoint: http://localhost:8080
                gatewayConfig: gateway.yaml
                """;
    }

    @Test
    void absentOrNotEnabled_theEndpointIsOff() throws Exception {
        assertThat(load(base).manage()).isEmpty();
        assertThat(load(base + "manage:\n  enabled: false\n  port: 9000\n").manage()).isEmpty();
    }

    @Test
    void enabledWithATokenFile_listensOnLoopbackByDefault() throws Exception {
        Files.writeString(dir.resolve("manage.token"), "0123456789abcdef0123\n");

        ManageConfig manage = load(base + "manage:\n  enabled: true\n  tokenFile: manage.token\n").manage()
                .orElseThrow();

        assertThat(manage.address()).isEqualTo("127.0.0.1");
        assertThat(manage.port()).isEqualTo(7443);
        assertThat(manage.token()).contains("0123456789abcdef0123");
        assertThat(manage.maxUploadBytes()).isEqualTo(1L << 30);
        assertThat(manage.toString()).doesNotContain("0123456789abcdef0123");
    }

    @Test
    void enabledWithoutAnyAuthentication_orWithAShortToken_isRefusedNamingTheField() throws Exception {
        assertThatThrownBy(() -> load(base + "manage:\n  enabled: true\n"))
                .hasMessageContaining("agent.yaml: manage.tokenFile: is required when the endpoint is enabled");
        assertThatThrownBy(() -> load(base + "manage:\n  enabled: true\n  token: short\n"))
                .hasMessageContaining("agent.yaml: manage.token: the token must be at least 16 characters");
        assertThatThrownBy(() -> load(base + "manage:\n  enabled: true\n  token: 0123456789abcdef\n  port: 70000\n"
                + "  maxUploadBytes: 0\n"))
                .hasMessageContaining("manage.port: must be from 0 to 65535, was 70000")
                .hasMessageContaining("manage.maxUploadBytes: must be at least 1, was 0");
        assertThatThrownBy(() -> load(base + "manage:\n  enabled: true\n  tokenFile: missing.token\n"))
                .hasMessageContaining("manage.tokenFile: no such file: " + dir.resolve("missing.token"));
    }

    @Test
    void schema_acceptsTheDocsManageExample_andRefusesATokenGivenTwice() throws Exception {
        String docs = Files.readString(Path.of("../docs/reference/agent.md"));
        int start = docs.indexOf("```yaml\nmanage:");
        String example = docs.substring(start + "```yaml\n".length(), docs.indexOf("```", start + 7));

        assertThat(schemaErrors(base + example)).isEmpty();
        assertThat(schemaErrors(base + example.replace("  tokenFile: manage.token", "  tokenFile: manage.token\n"
                + "  token: 0123456789abcdef"))).isNotEmpty();
        assertThat(schemaErrors(base + "manage:\n  enabled: true\n  colour: blue\n")).isNotEmpty();
    }

    private static java.util.List<String> schemaErrors(String yaml) throws IOException {
        return AgentConfigLoaderTest.VALIDATOR.validate(org.suptools.model.json.SupJson.yaml().readTree(yaml)).stream()
                .map(Object::toString).toList();
    }

    private AgentConfig load(String yaml) throws Exception {
        return AgentConfigLoader.load(Files.writeString(dir.resolve("agent.yaml"), yaml));
    }
}
