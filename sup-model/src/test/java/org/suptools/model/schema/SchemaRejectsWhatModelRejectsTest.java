package org.suptools.model.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.suptools.model.schema.SupFile.CHUNK_INDEX;
import static org.suptools.model.schema.SupFile.MANIFEST;
import static org.suptools.model.schema.SupFile.SPEC;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Documents the model refuses for a reason a schema can express are refused by the schema too,
 * so an editor flags them before {@code sup validate} does. Each case first checks that the model
 * really refuses it, which keeps the table honest when the model changes.
 */
class SchemaRejectsWhatModelRejectsTest {

    private static final String SPEC_HEAD = """
            name: acme-app
            version: 1.0.0
            """;
    private static final String MANIFEST_HEAD = """
            formatVersion: 1
            name: acme-app
            version: 1.0.0
            created: 2026-01-01T00:00:00Z
            """;

    static Stream<Arguments> refused() {
        return Stream.of(
                spec("unknown top-level field", SPEC_HEAD + "colour: blue"),
                spec("missing name", "version: 1.0.0"),
                spec("missing version", "name: acme-app"),
                spec("name with capitals", "name: Acme-App\nversion: 1.0.0"),
                spec("name starting with a dash", "name: -app\nversion: 1.0.0"),
                spec("version with a v prefix", "name: acme-app\nversion: v1.0.0"),
                spec("version with a leading zero", "name: acme-app\nversion: 1.02.0"),
                spec("version without patch", "name: acme-app\nversion: '1.0'"),
                spec("version with an empty pre-release identifier", "name: acme-app\nversion: 1.0.0-rc..1"),
                spec("version as a number", "name: acme-app\nversion: 1.5"),
                spec("unknown failure policy", SPEC_HEAD + "failurePolicy: retry"),
                spec("expiry that is not a date-time", SPEC_HEAD + "expires: next year"),
                spec("expiry without a time", SPEC_HEAD + "expires: 2099-01-01"),
                spec("allowDowngrade as text", SPEC_HEAD + "allowDowngrade: 'yes'"),
                spec("target without os", SPEC_HEAD + "targets: [{product: gw, architecture: x86_64}]"),
                spec("target with a blank product", SPEC_HEAD + "targets: [{product: ' ', os: linux, "
                        + "architecture: arm}]"),
                spec("unknown field in a target", SPEC_HEAD + "targets: [{product: gw, os: linux, architecture: arm, "
                        + "region: eu}]"),
                spec("requirement without version", SPEC_HEAD + "requires: [{name: acme-base}]"),
                spec("unknown field in a requirement", SPEC_HEAD + "requires: [{name: acme-base, version: '1', "
                        + "optional: true}]"),
                action("unknown action type", "{id: a, type: file.move, source: x, destination: y}"),
                action("action without type", "{id: a, source: x, destination: y}"),
                action("action type that is not text", "{id: a, type: [file.copy]}"),
                action("action without id", "{type: runtime.stop}"),
                action("id with a space", "{id: copy config, type: runtime.stop}"),
                action("id starting with a dot", "{id: .hidden, type: runtime.stop}"),
                action("id longer than 64 characters", "{id: " + "a".repeat(65) + ", type: runtime.stop}"),
                action("unknown field in an action", "{id: a, type: runtime.stop, force: true}"),
                action("header written nested", "{id: a, type: runtime.stop, header: {description: x}}"),
                action("parameter of another action type", "{id: a, type: runtime.stop, source: x}"),
                action("file.copy without destination", "{id: a, type: file.copy, source: x}"),
                action("file.copy with a blank source", "{id: a, type: file.copy, source: '', destination: y}"),
                action("script.run with a blank interpreter", "{id: a, type: script.run, source: x, interpreter: ' '}"),
                action("script.run with a blank undo script", "{id: a, type: script.run, source: x, undoSource: ''}"),
                action("script.run with a blank working directory", "{id: a, type: script.run, source: x, workingDir: ''}"),
                action("command.run with a blank working directory",
                        "{id: a, type: command.run, command: [true], workingDir: ''}"),
                action("firmware.update with a blank directory",
                        "{id: a, type: firmware.update, source: fw.tar.gz, directory: ''}"),
                action("mode that is not octal", "{id: a, type: file.copy, source: x, destination: y, mode: '0985'}"),
                action("mode with too many digits", "{id: a, type: dir.create, path: x, mode: '006444'}"),
                action("timeout with an unknown unit", "{id: a, type: runtime.stop, timeout: 2d}"),
                action("timeout in words", "{id: a, type: runtime.stop, timeout: 5 minutes}"),
                action("timeout of zero", "{id: a, type: runtime.stop, timeout: 0s}"),
                action("timeout as a number of zero seconds", "{id: a, type: runtime.stop, timeout: 0}"),
                action("timeout above 24 hours", "{id: a, type: runtime.stop, timeout: 25h}"),
                action("timeout of 1441 minutes", "{id: a, type: runtime.stop, timeout: 1441m}"),
                action("timeout of 86401 seconds", "{id: a, type: runtime.stop, timeout: 86401s}"),
                action("timeout of 86400001 milliseconds", "{id: a, type: runtime.stop, timeout: 86400001ms}"),
                action("timeout that overflowed a long in nanoseconds", "{id: a, type: runtime.stop, timeout: 2562048h}"),
                action("timeout of nine digits of hours", "{id: a, type: runtime.stop, timeout: 999999999h}"),
                action("timeout as a number above 24 hours", "{id: a, type: runtime.stop, timeout: 86401}"),
                action("timeout as a number above a 32-bit int", "{id: a, type: runtime.stop, timeout: 9300000000}"),
                action("mode as a YAML number", "{id: a, type: file.copy, source: x, destination: y, mode: 0640}"),
                action("command as a single text", "{id: a, type: command.run, command: echo hello}"),
                action("unknown error policy", "{id: a, type: runtime.stop, onError: ignore}"),
                action("empty condition", "{id: a, type: runtime.stop, when: {}}"),
                action("unknown field in a condition", "{id: a, type: runtime.stop, when: {region: eu}}"),
                action("blank condition value", "{id: a, type: runtime.stop, when: {os: [linux, '']}}"),
                action("file.delete with recursive as text", "{id: a, type: file.delete, path: x, recursive: 'true'}"),
                action("properties.set with nothing to set or remove", "{id: a, type: properties.set, file: x}"),
                action("properties.set with empty set and remove", "{id: a, type: properties.set, file: x, set: {}, "
                        + "remove: []}"),
                action("properties.set with an empty key", "{id: a, type: properties.set, file: x, set: {'': v}}"),
                action("command.run without command", "{id: a, type: command.run, workingDir: x}"),
                action("command.run with an empty command", "{id: a, type: command.run, command: []}"),
                action("exit code as text", "{id: a, type: command.run, command: [x], successExitCodes: ['0']}"),
                action("package.install without manager", "{id: a, type: package.install, source: x.deb}"),
                action("unknown package manager", "{id: a, type: package.install, source: x.deb, manager: apt}"),
                action("unknown archive format", "{id: a, type: archive.extract, source: x, destination: y, "
                        + "format: rar}"),
                action("verify without check", "{id: a, type: verify, path: x}"),
                action("unknown verify check", "{id: a, type: verify, check: port-open, path: x}"),
                action("file-exists without path", "{id: a, type: verify, check: file-exists}"),
                action("file-hash without sha256", "{id: a, type: verify, check: file-hash, path: x}"),
                action("file-hash with an uppercase sha256", "{id: a, type: verify, check: file-hash, path: x, "
                        + "sha256: " + Samples.HASH.toUpperCase() + "}"),
                action("command check without command", "{id: a, type: verify, check: command, path: x}"),
                manifest("manifest without formatVersion", MANIFEST_HEAD.replace("formatVersion: 1\n", "")),
                manifest("manifest of another format version",
                        MANIFEST_HEAD.replace("formatVersion: 1", "formatVersion: 2")),
                manifest("manifest without created", MANIFEST_HEAD.replace("created: 2026-01-01T00:00:00Z\n", "")),
                manifest("manifest with a bad version", MANIFEST_HEAD.replace("1.0.0", "1.0.0-")),
                manifest("manifest with payloadDir", MANIFEST_HEAD + "payloadDir: payload"),
                manifest("payload outside payload/", MANIFEST_HEAD + "payloads: [{path: app.conf, size: 1, sha256: "
                        + Samples.HASH + "}]"),
                manifest("payload that is the payload directory", MANIFEST_HEAD
                        + "payloads: [{path: payload/, size: 1, sha256: " + Samples.HASH + "}]"),
                manifest("payload with a short sha256", MANIFEST_HEAD + "payloads: [{path: payload/a, size: 1, "
                        + "sha256: abc}]"),
                manifest("payload with a negative size", MANIFEST_HEAD + "payloads: [{path: payload/a, size: -1, "
                        + "sha256: " + Samples.HASH + "}]"),
                manifest("unknown field in a payload", MANIFEST_HEAD + "payloads: [{path: payload/a, size: 1, "
                        + "sha256: " + Samples.HASH + ", mode: '0644'}]"),
                manifest("manifest action without id", MANIFEST_HEAD + "actions: [{type: runtime.stop}]"),
                manifest("manifest action of unknown type", MANIFEST_HEAD + "actions: [{id: a, type: runtime.pause}]"),
                chunkIndex("chunk index without digests", "payload: payload/a\nchunkSize: 16777216"),
                chunkIndex("chunk size that is not a power of two", CHUNK_INDEX_HEAD.replace("16777216", "3000000")),
                chunkIndex("chunk size below 1 MiB", CHUNK_INDEX_HEAD.replace("16777216", "65536")),
                chunkIndex("chunk digest that is not hex", "payload: payload/a\nchunkSize: 16777216\nsha256: [xyz]"),
                chunkIndex("chunk index of an index", CHUNK_INDEX_HEAD.replace("payload/a", "payload/.sup-chunks/a.json")),
                chunkIndex("unknown field in a chunk index", CHUNK_INDEX_HEAD + "\nsize: 1"));
    }

    private static final String CHUNK_INDEX_HEAD = "payload: payload/a\nchunkSize: 16777216\nsha256: [" + Samples.HASH + "]";

    /** So that each refusal below comes from what the case changes. */
    @Test
    void theDocumentsTheCasesStartFrom_areValid() {
        assertThat(SPEC.modelProblem(Samples.yaml(SPEC_HEAD))).isEmpty();
        assertThat(SPEC.schemaErrors(Samples.yaml(SPEC_HEAD))).isEmpty();
        assertThat(MANIFEST.modelProblem(Samples.yaml(MANIFEST_HEAD))).isEmpty();
        assertThat(MANIFEST.schemaErrors(Samples.yaml(MANIFEST_HEAD))).isEmpty();
        assertThat(CHUNK_INDEX.modelProblem(Samples.yaml(CHUNK_INDEX_HEAD))).isEmpty();
        assertThat(CHUNK_INDEX.schemaErrors(Samples.yaml(CHUNK_INDEX_HEAD))).isEmpty();
    }

    /** The other side of the timeout bound: both accept up to 24 hours, in every unit. */
    @ParameterizedTest
    @ValueSource(strings = {"24h", "0024h", "1440m", "86400s", "86400000ms", "86400", "'86400'", "500ms", "1h"})
    void timeoutsUpTo24Hours_areAcceptedByBoth(String timeout) {
        JsonNode document = Samples.yaml(SPEC_HEAD + "actions:\n  - {id: a, type: runtime.stop, timeout: " + timeout
                + "}");

        assertThat(SPEC.modelProblem(document)).as("the model's verdict").isEmpty();
        assertThat(SPEC.schemaErrors(document)).as("the schema's verdict").isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refused")
    void schemaRefusesWhatTheModelRefuses(String scenario, SupFile file, String yaml) {
        JsonNode document = Samples.yaml(yaml);

        assertThat(file.modelProblem(document)).as("the model's verdict").isPresent();
        assertThat(file.schemaErrors(document)).as("the schema's verdict").isNotEmpty();
    }

    private static Arguments spec(String scenario, String yaml) {
        return Arguments.of(scenario, SPEC, yaml);
    }

    private static Arguments action(String scenario, String action) {
        return Arguments.of(scenario, SPEC, SPEC_HEAD + "actions:\n  - " + action);
    }

    private static Arguments manifest(String scenario, String yaml) {
        return Arguments.of(scenario, MANIFEST, yaml);
    }

    private static Arguments chunkIndex(String scenario, String yaml) {
        return Arguments.of(scenario, CHUNK_INDEX, yaml);
    }
}
