package org.suptools.agent.ota;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import org.suptools.model.version.SemVer;

/**
 * The version URL's answer (seed 003): {@code {"upgrade": 0|1, "settings": [{"key": "..", "val": ".."}]}},
 * and, as the portal emulator adds them, the offered package's {@code version}, {@code size} and
 * {@code sha256}, which let the agent refuse a corrupt or truncated download before the installer
 * sees it. Other fields are ignored. A setting that is not an object of two strings is not
 * dropped silently: it is kept in {@link #malformed} to be reported.
 *
 * @param upgrade whether the device should fetch and install the package
 * @param settings the well-formed settings, in the order sent
 * @param malformed one line per setting that could not be read, naming it
 */
public record VersionAnswer(boolean upgrade, List<Setting> settings, List<String> malformed, Optional<String> version,
        OptionalLong size, Optional<String> sha256) {

    /** The longest answer read; a longer one is refused unread. */
    public static final int MAX_BYTES = 64 * 1024;

    private static final ObjectMapper JSON = JsonMapper.builder().build();

    public VersionAnswer {
        settings = List.copyOf(settings);
        malformed = List.copyOf(malformed);
        version = version == null ? Optional.empty() : version;
        size = size == null ? OptionalLong.empty() : size;
        sha256 = sha256 == null ? Optional.empty() : sha256;
    }

    /** One setting as sent: both strings. */
    public record Setting(String key, String val) {
        public Setting {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(val, "val");
        }
    }

    /** An answer that cannot be used; the message names the field. */
    public static final class BadAnswer extends Exception {
        public BadAnswer(String message) {
            super(message);
        }
    }

    /**
     * Reads an answer.
     *
     * @throws BadAnswer when it is not a JSON object with {@code upgrade} 0 or 1, or a field the
     *     agent relies on has the wrong form (a {@code sha256} that is not 64 hex digits, a negative {@code size})
     */
    public static VersionAnswer parse(byte[] body) throws BadAnswer {
        if (body.length > MAX_BYTES) {
            throw new BadAnswer("the answer is larger than " + MAX_BYTES + " bytes");
        }
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw new BadAnswer("the answer is not JSON: " + e.getOriginalMessage());
        } catch (java.io.IOException e) {
            throw new BadAnswer("the answer cannot be read: " + e.getMessage());
        }
        if (root == null || !root.isObject()) {
            throw new BadAnswer("the answer must be a JSON object such as {\"upgrade\": 0}");
        }
        JsonNode upgrade = root.get("upgrade");
        if (upgrade == null) {
            throw new BadAnswer("upgrade: is missing");
        }
        if (!upgrade.isIntegralNumber() || (upgrade.asLong() != 0 && upgrade.asLong() != 1)) {
            throw new BadAnswer("upgrade: must be the number 0 or 1, was " + shortly(upgrade));
        }
        List<Setting> settings = new ArrayList<>();
        List<String> malformed = new ArrayList<>();
        JsonNode list = root.get("settings");
        if (list != null && !list.isNull()) {
            if (!list.isArray()) {
                malformed.add("settings: must be a list of {\"key\", \"val\"}, was " + shortly(list));
            } else {
                for (int i = 0; i < list.size(); i++) {
                    JsonNode entry = list.get(i);
                    JsonNode key = entry.get("key");
                    JsonNode val = entry.get("val");
                    if (!entry.isObject() || key == null || !key.isTextual() || val == null || !val.isTextual()) {
                        malformed.add("settings[" + i + "]: must be {\"key\": string, \"val\": string}, was "
                                + shortly(entry));
                    } else {
                        settings.add(new Setting(key.asText(), val.asText()));
                    }
                }
            }
        }
        return new VersionAnswer(upgrade.asLong() == 1, settings, malformed, version(root), size(root), sha256(root));
    }

    private static Optional<String> version(JsonNode root) throws BadAnswer {
        JsonNode version = root.get("version");
        if (version == null || version.isNull()) {
            return Optional.empty();
        }
        try {
            return Optional.of(SemVer.parse(version.asText()).toString());
        } catch (IllegalArgumentException e) {
            throw new BadAnswer("version: must be a SemVer version, was " + shortly(version));
        }
    }

    private static OptionalLong size(JsonNode root) throws BadAnswer {
        JsonNode size = root.get("size");
        if (size == null || size.isNull()) {
            return OptionalLong.empty();
        }
        if (!size.isIntegralNumber() || !size.canConvertToLong() || size.asLong() < 0) {
            throw new BadAnswer("size: must be a whole number of bytes, was " + shortly(size));
        }
        return OptionalLong.of(size.asLong());
    }

    private static Optional<String> sha256(JsonNode root) throws BadAnswer {
        JsonNode sha256 = root.get("sha256");
        if (sha256 == null || sha256.isNull()) {
            return Optional.empty();
        }
        if (!sha256.isTextual() || !sha256.asText().matches("[0-9a-fA-F]{64}")) {
            throw new BadAnswer("sha256: must be 64 hexadecimal digits, was " + shortly(sha256));
        }
        return Optional.of(sha256.asText().toLowerCase(java.util.Locale.ROOT));
    }

    /** What was sent, on one line, at most 80 characters. */
    private static String shortly(JsonNode node) {
        String text = node.toString().replaceAll("\\p{Cntrl}", "?");
        return text.length() > 80 ? text.substring(0, 80) + "..." : text;
    }
}
