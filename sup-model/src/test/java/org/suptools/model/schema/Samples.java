package org.suptools.model.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.stream.StreamSupport;
import org.suptools.model.action.ActionType;
import org.suptools.model.json.SupJson;

/**
 * Documents that use every field of every record, the model's and the schema's shared ground
 * truth. Some action types come in several variants, one per way their fields depend on each
 * other ({@code verify} per check, {@code properties.set} with set, remove or both).
 * {@link SchemaMatchesModelTest} checks that these samples name every record component, so a
 * field added to the model without a sample here fails the build too.
 */
final class Samples {

    static final String HASH = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

    /** The header fields, added to every action sample. */
    private static final String HEADER = """
            description: an action with every header field
            when: {os: linux, product: [dw-gateway], architecture: [x86_64, aarch64]}
            timeout: 90s
            onError: continue
            """;

    private static final String ACTIONS = """
            - {id: stop, type: runtime.stop}
            - {id: start, type: runtime.start}
            - {id: restart, type: runtime.restart}
            - {id: firmware, type: firmware.update, source: runtime.tar.gz, directory: runtime, format: tar.gz,
               runtimeVersion: 5.2.0}
            - {id: copy, type: file.copy, source: app.conf, destination: conf/app.conf, mode: "0640"}
            - {id: delete, type: file.delete, path: cache, recursive: true, missingOk: true}
            - {id: mkdir, type: dir.create, path: data/app, mode: "0750"}
            - {id: extract, type: archive.extract, source: bundle.zip, destination: apps/bundle, format: zip}
            - {id: props, type: properties.set, file: conf/app.properties, set: {port: "8080"}, remove: [debug],
               create: true}
            - {id: props-set, type: properties.set, file: conf/app.properties, set: {port: "8080"}}
            - {id: props-remove, type: properties.set, file: conf/app.properties, remove: [debug]}
            - {id: run, type: command.run, command: [echo, hello], workingDir: data, environment: {LANG: C},
               successExitCodes: [0, 3], undo: [echo, undo]}
            - {id: script, type: script.run, source: setup.sh, interpreter: /bin/bash, arguments: [--fast],
               workingDir: data, environment: {LANG: C}, successExitCodes: [0], undoSource: teardown.sh}
            - {id: deb, type: package.install, source: tool.deb, manager: dpkg, undo: [dpkg, -r, tool]}
            - {id: cert, type: certificate.install, source: gateway.pem, destination: certs/gateway.pem, mode: "0600"}
            - {id: license, type: license.install, source: license.lic, destination: license/app.lic, mode: "644"}
            - {id: exists, type: verify, check: file-exists, path: certs/gateway.pem}
            - {id: hash, type: verify, check: file-hash, path: conf/app.conf, sha256: %s}
            - {id: exits-0, type: verify, check: command, command: [test, -d, data]}
            - {id: reboot, type: system.reboot}
            """.formatted(HASH);

    private static final String CONDITIONS = """
            - {os: [linux], product: [dw-gateway], architecture: [x86_64]}
            - {os: linux}
            - {product: [dw-gateway, dw-edge]}
            - {architecture: aarch64}
            """;

    private static final String SPEC = """
            name: acme-sample
            version: 2.0.0-rc.1+build.7
            description: every field of the spec
            vendor: Acme Industrial
            expires: 2099-12-31T23:59:59Z
            targets:
              - {product: dw-gateway, os: linux, architecture: x86_64, runtimeVersion: ">=5.0.0 <6.0.0"}
            requires:
              - {name: acme-base, version: ^1.2.0}
            allowDowngrade: true
            failurePolicy: stop
            payloadDir: files
            actions:
              - {id: stop, type: runtime.stop}
            """;

    private static final String MANIFEST = """
            formatVersion: 1
            name: acme-sample
            version: 2.0.0
            description: every field of the manifest
            vendor: Acme Industrial
            created: 2026-01-01T00:00:00Z
            expires: 2099-12-31T23:59:59.5Z
            targets:
              - {product: "*", os: linux, architecture: "*", runtimeVersion: ">=5.0.0"}
            requires:
              - {name: acme-base, version: ">=1.0.0 <2.0.0 || >=3.0.0"}
            allowDowngrade: true
            failurePolicy: rollback
            payloads:
              - {path: payload/app.conf, size: 42, sha256: %s}
            actions:
              - {id: copy, type: file.copy, source: app.conf, destination: conf/app.conf}
            """.formatted(HASH);

    private Samples() {
    }

    static JsonNode fullSpec() {
        return yaml(SPEC);
    }

    static JsonNode fullManifest() {
        return yaml(MANIFEST);
    }

    /** Every variant of an action type, each with every header field. */
    static List<JsonNode> actions(ActionType type) {
        ObjectNode header = (ObjectNode) yaml(HEADER);
        return elements(yaml(ACTIONS)).stream()
                .filter(action -> action.path("type").asText().equals(type.typeName()))
                .map(action -> (JsonNode) ((ObjectNode) action).setAll(header.deepCopy()))
                .toList();
    }

    static List<JsonNode> conditions() {
        return elements(yaml(CONDITIONS));
    }

    /** The smallest spec that holds these actions. */
    static JsonNode specWith(JsonNode... actions) {
        ObjectNode spec = SupJson.json().createObjectNode().put("name", "acme-sample").put("version", "1.0.0");
        ArrayNode list = spec.putArray("actions");
        for (JsonNode action : actions) {
            list.add(action.deepCopy());
        }
        return spec;
    }

    static JsonNode yaml(String text) {
        try {
            return SupJson.yaml().readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<JsonNode> elements(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).toList();
    }
}
