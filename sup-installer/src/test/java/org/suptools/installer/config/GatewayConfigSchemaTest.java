package org.suptools.installer.config;

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
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.suptools.installer.testing.TestPackages;
import org.suptools.model.gateway.ConfigException;
import org.suptools.model.json.SupJson;
import org.suptools.samples.sandbox.SandboxMain;

/** docs/schema/gateway-config.schema.json says what the config loader reads, and the docs' example is valid. */
class GatewayConfigSchemaTest {

    static final Path SCHEMA = Path.of("../docs/schema/gateway-config.schema.json");
    static final String ID = "https://suptools.org/schemas/gateway-config.schema.json";
    static final Schema SCHEMA_VALIDATOR = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
            builder -> builder.schemas(iri -> iri.equals(ID) ? read(SCHEMA) : null)).getSchema(SchemaLocation.of(ID));

    @TempDir
    Path dir;

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<String> errors(Path yaml) throws IOException {
        JsonNode document = SupJson.yaml().readTree(yaml.toFile());
        return SCHEMA_VALIDATOR.validate(document).stream().map(Error::toString).toList();
    }

    static Set<String> components(Class<?> record) {
        return Arrays.stream(record.getRecordComponents()).map(c -> c.getName()).collect(Collectors.toCollection(TreeSet::new));
    }

    static Set<String> properties(JsonNode node) {
        Set<String> names = new TreeSet<>();
        node.path("properties").fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void schemaFields_areTheFieldsTheLoaderReads() throws IOException {
        JsonNode schema = SupJson.json().readTree(SCHEMA.toFile());

        assertThat(properties(schema)).isEqualTo(components(GatewayConfigLoader.RawConfig.class));
        assertThat(properties(schema.path("properties").path("trust")))
                .isEqualTo(components(GatewayConfigLoader.RawTrust.class));
        assertThat(properties(schema.path("properties").path("identity")))
                .isEqualTo(components(GatewayConfigLoader.RawIdentity.class));
        assertThat(properties(schema.path("properties").path("runtime")))
                .isEqualTo(components(GatewayConfigLoader.RawRuntime.class));
    }

    @Test
    void theDocsExampleAndASandboxConfig_areValidForBoth() throws Exception {
        String docs = read(Path.of("../docs/reference/gateway-config.md"));
        int start = docs.indexOf("```yaml\nruntimeHome:");
        String example = docs.substring(start + "```yaml\n".length(), docs.indexOf("```", start + 7));
        Path docsConfig = Files.writeString(dir.resolve("docs.yaml"), example);
        assertThat(errors(docsConfig)).isEmpty();
        // The loader also checks the machine: give the example's directories a home here.
        Path home = Files.createDirectories(dir.resolve("opt/dw/dwcore"));
        TestPackages.writePublicKey(dir.resolve("etc/sup/trust"), "ci", TestPackages.TRUSTED);
        Files.writeString(docsConfig, example.replace("/opt/", dir.resolve("opt") + "/")
                .replace("/etc/sup/", dir.resolve("etc/sup") + "/"));
        assertThat(GatewayConfigLoader.load(docsConfig).runtimeHome()).isEqualTo(home);
        assertThat(GatewayConfigLoader.load(docsConfig).runtime().healthWait()).hasMinutes(2);

        assertThat(SandboxMain.commandLine().setOut(new java.io.PrintWriter(new java.io.StringWriter()))
                .execute(dir.resolve("sandbox").toString(), "--no-start")).isZero();
        Path sandbox = dir.resolve("sandbox/gateway.yaml");
        assertThat(errors(sandbox)).isEmpty();
        assertThat(GatewayConfigLoader.load(sandbox).allowUnsigned()).isTrue();

        Path key = TestPackages.writePublicKey(dir.resolve("keys"), "release", TestPackages.TRUSTED);
        assertThat(SandboxMain.commandLine().setOut(new java.io.PrintWriter(new java.io.StringWriter()))
                .execute(dir.resolve("trusting").toString(), "--no-start", "--trust", key.toString(),
                        "--product", "dw-edge", "--health-wait", "1500ms", "--runtime-version", "1.2.3")).isZero();
        Path trusting = dir.resolve("trusting/gateway.yaml");
        assertThat(errors(trusting)).isEmpty();
        GatewayConfig loaded = GatewayConfigLoader.load(trusting);
        assertThat(loaded.allowUnsigned()).isFalse();
        assertThat(loaded.trustStore()).contains(dir.resolve("trusting/trust"));
        assertThat(loaded.runtime().healthWait()).isEqualTo(java.time.Duration.ofMillis(1500));
        assertThat(loaded.runtime().start()).containsExactly(dir.resolve("trusting/dwcore/runtime/bin/runtime-ctl")
                .toString(), "start", dir.resolve("trusting/dwcore").toString());
    }

    @Test
    void everyDocumentedSizeAndDurationForm_isValidForBoth() throws Exception {
        Files.createDirectories(dir.resolve("home"));
        for (String[] forms : new String[][] {{"1048576", "90"}, {"\"1048576\"", "\"90\""}, {"1 MiB", "500ms"},
            {"64MiB", "30s"}, {"10MB", "5m"}, {"2gib", "1h"}, {"0", "1"}}) {
            Path file = Files.writeString(dir.resolve("sizes.yaml"), "runtimeHome: home\nallowUnsigned: true\n"
                    + "identity: {product: p, os: linux, architecture: x86_64, runtimeVersion: 1.0.0}\n"
                    + "runtime: {start: [a], stop: [b], status: [c], healthWait: " + forms[1] + "}\n"
                    + "minFreeSpace: " + forms[0] + "\ndefaultActionTimeout: " + forms[1] + "\n");
            assertThat(errors(file)).as(forms[0] + ", " + forms[1]).isEmpty();
            assertThat(GatewayConfigLoader.check(file, false).problems()).as(forms[0] + ", " + forms[1]).isEmpty();
        }
        for (String[] forms : new String[][] {{"1.5", "30s"}, {"10 XB", "30s"}, {"-1", "30s"}, {"1MiB", "0"},
            {"1MiB", "0s"}, {"1MiB", "1.5"}, {"1MiB", "5 min"}}) {
            Path file = Files.writeString(dir.resolve("sizes.yaml"), "runtimeHome: home\nallowUnsigned: true\n"
                    + "identity: {product: p, os: linux, architecture: x86_64, runtimeVersion: 1.0.0}\n"
                    + "runtime: {start: [a], stop: [b], status: [c]}\n"
                    + "minFreeSpace: " + forms[0] + "\ndefaultActionTimeout: " + forms[1] + "\n");
            assertThat(errors(file)).as(forms[0] + ", " + forms[1]).isNotEmpty();
            assertThat(GatewayConfigLoader.check(file, false).problems()).as(forms[0] + ", " + forms[1]).isNotEmpty();
        }
    }

    @Test
    void configsTheLoaderRefuses_theSchemaRefusesToo() throws Exception {
        Path noHome = Files.writeString(dir.resolve("a.yaml"), """
                allowUnsigned: true
                identity: {product: p, os: linux, architecture: x86_64, runtimeVersion: 1.0.0}
                runtime: {start: [a], stop: [b], status: [c]}
                """);
        Path unknown = Files.writeString(dir.resolve("b.yaml"), """
                runtimeHome: home
                allowUnsigned: true
                identity: {product: p, os: linux, architecture: x86_64, runtimeVersion: 1.0.0}
                runtime: {start: [a], stop: [b], status: [c], restart: [d]}
                """);
        Path badVersion = Files.writeString(dir.resolve("c.yaml"), """
                runtimeHome: home
                allowUnsigned: true
                identity: {product: p, os: linux, architecture: x86_64, runtimeVersion: "5.1"}
                runtime: {start: [a], stop: [b], status: [c]}
                """);

        for (Path file : List.of(noHome, unknown, badVersion)) {
            assertThat(errors(file)).as(file.getFileName().toString()).isNotEmpty();
            assertThatThrownBy(() -> GatewayConfigLoader.load(file)).as(file.getFileName().toString())
                    .isInstanceOf(ConfigException.class);
        }
    }
}
