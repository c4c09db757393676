package org.suptools.portal.releases;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.suptools.model.version.SemVer;

/**
 * What a gateway says about itself when it checks for updates, the JSON object a distribution policy is
 * evaluated over: its identity ({@code thingKey}, {@code product}, {@code model}, {@code os},
 * {@code architecture}), {@code runtimeVersion}, and {@code packages}, the installed packages by name, each
 * {@code {"version": "1.4.0", ...}} as {@code sup-installer status --json} prints them (a bare version
 * string is taken too). Other fields are kept, so a policy can name them.
 */
public final class DeviceDescription {

    /** The deepest name a policy may use, such as {@code packages.acme-config.version}: four levels. */
    private static final int MAX_PATH = 4;

    private final ObjectNode json;

    private DeviceDescription(ObjectNode json) {
        this.json = json;
    }

    /** @throws IllegalArgumentException if the description is not a JSON object */
    public static DeviceDescription of(JsonNode json) {
        if (json == null || !json.isObject()) {
            throw new IllegalArgumentException("device: must be a JSON object describing the gateway");
        }
        return new DeviceDescription((ObjectNode) json.deepCopy());
    }

    /** A description with these top-level text fields and installed packages, for tests and tools. */
    public static DeviceDescription of(Map<String, String> fields, Map<String, String> installed) {
        ObjectNode node = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        fields.forEach(node::put);
        ObjectNode packages = node.putObject("packages");
        installed.forEach((name, version) -> packages.putObject(name).put("version", version));
        return new DeviceDescription(node);
    }

    public ObjectNode toJson() {
        return json.deepCopy();
    }

    /** The thing key the description names, if any. */
    public Optional<String> thingKey() {
        JsonNode key = json.get("thingKey");
        return key != null && key.isTextual() ? Optional.of(key.asText()) : Optional.empty();
    }

    /** The installed version of a package, if the description names one that is a SemVer version. */
    public Optional<SemVer> installed(String packageName) {
        return value(List.of("packages", packageName)) instanceof Value.Text text ? Value.version(text.text())
                : Optional.empty();
    }

    /**
     * The value at a dotted name: objects are walked field by field; an object with a {@code version} text
     * field stands for that version, so {@code packages.acme-config} is the installed version.
     */
    Value value(List<String> path) {
        Objects.requireNonNull(path, "path");
        if (path.isEmpty() || path.size() > MAX_PATH) {
            return Value.Missing.INSTANCE;
        }
        JsonNode node = json;
        for (String field : path) {
            node = node.isObject() ? node.get(field) : null;
            if (node == null) {
                return Value.Missing.INSTANCE;
            }
        }
        if (node.isObject() && node.path("version").isTextual()) {
            node = node.get("version");
        }
        if (node.isTextual()) {
            return new Value.Text(node.asText());
        }
        if (node.isBoolean()) {
            return new Value.Bool(node.asBoolean());
        }
        if (node.isIntegralNumber()) {
            return new Value.Number(new BigDecimal(node.bigIntegerValue()));
        }
        if (node.isNumber()) {
            double number = node.doubleValue();
            return Double.isFinite(number) ? new Value.Number(BigDecimal.valueOf(number)) : Value.Missing.INSTANCE;
        }
        return Value.Missing.INSTANCE;
    }
}
