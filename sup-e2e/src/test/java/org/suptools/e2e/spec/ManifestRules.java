package org.suptools.e2e.spec;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The field rules of docs/format.md section 2 ("Field rules", the tables and section 5), applied
 * to a parsed manifest whose formatVersion is 1. Collects every problem, each named by its JSON
 * location. The package rules are deliberately not here: a reader does not check them.
 */
final class ManifestRules {

    private static final Pattern PACKAGE_NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,99}");
    private static final Pattern SEMVER = Pattern.compile("(0|[1-9]\\d*)\\.(0|[1-9]\\d*)\\.(0|[1-9]\\d*)"
            + "(?:-((?:0|[1-9]\\d*|\\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\\.(?:0|[1-9]\\d*|\\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?"
            + "(?:\\+([0-9a-zA-Z-]+(?:\\.[0-9a-zA-Z-]+)*))?");
    private static final Pattern PARTIAL = Pattern.compile("(?:[*xX]|0|[1-9]\\d*)(?:\\.(?:[*xX]|0|[1-9]\\d*)){0,2}");
    private static final Pattern OPERATOR = Pattern.compile("<=|>=|<|>|=|~|\\^");
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern ACTION_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final Pattern TIMEOUT = Pattern.compile("(\\d{1,9})(ms|s|m|h)?");
    private static final BigInteger MAX_TIMEOUT_MILLIS = BigInteger.valueOf(24L * 3_600_000);
    private static final Pattern MODE = Pattern.compile("0?[0-7]{3,4}");
    private static final Pattern EPOCH_SECONDS = Pattern.compile("\\d+|\\d*\\.\\d+|\\d+\\.");

    /** Action type to its parameters; a trailing {@code !} marks a required one. */
    private static final Map<String, List<String>> PARAMETERS = new LinkedHashMap<>();

    static {
        for (String type : List.of("runtime.stop", "runtime.start", "runtime.restart", "system.reboot")) {
            PARAMETERS.put(type, List.of());
        }
        PARAMETERS.put("firmware.update", List.of("source!", "directory", "format", "runtimeVersion"));
        for (String type : List.of("file.copy", "certificate.install", "license.install")) {
            PARAMETERS.put(type, List.of("source!", "destination!", "mode"));
        }
        PARAMETERS.put("file.delete", List.of("path!", "recursive", "missingOk"));
        PARAMETERS.put("dir.create", List.of("path!", "mode"));
        PARAMETERS.put("archive.extract", List.of("source!", "destination!", "format"));
        PARAMETERS.put("properties.set", List.of("file!", "set", "remove", "create"));
        PARAMETERS.put("command.run", List.of("command!", "workingDir", "environment", "successExitCodes", "undo"));
        PARAMETERS.put("script.run", List.of("source!", "interpreter", "arguments", "workingDir", "environment",
                "successExitCodes", "undoSource"));
        PARAMETERS.put("package.install", List.of("source!", "manager!", "undo"));
        PARAMETERS.put("verify", List.of("check!", "path", "sha256", "command"));
    }

    private static final Set<String> COMMON = Set.of("id", "type", "description", "when", "timeout", "onError");

    private final List<String> problems = new ArrayList<>();

    private ManifestRules() {
    }

    /** Every problem of a manifest whose formatVersion has already been found to be 1; empty when valid. */
    static List<String> check(JsonNode manifest) {
        ManifestRules rules = new ManifestRules();
        rules.manifest(manifest);
        return rules.problems;
    }

    /** An instant as the field rules read it, or null when the text is not one. */
    static Instant instant(String text) {
        String trimmed = text.trim();
        try {
            if (EPOCH_SECONDS.matcher(trimmed).matches()) {
                BigDecimal seconds = new BigDecimal(trimmed);
                return Instant.ofEpochSecond(seconds.longValue(),
                        seconds.remainder(BigDecimal.ONE).movePointRight(9).intValue());
            }
            return Instant.parse(trimmed);
        } catch (DateTimeParseException | ArithmeticException e) {
            return null;
        }
    }

    /** A member's value, or null when it is absent or JSON null (which counts as absent). */
    private static JsonNode get(JsonNode object, String name) {
        JsonNode value = object.get(name);
        return value == null || value.isNull() ? null : value;
    }

    private void manifest(JsonNode m) {
        fields("", m, Set.of("formatVersion", "name", "version", "description", "vendor", "created", "expires",
                "targets", "requires", "allowDowngrade", "failurePolicy", "payloads", "actions"),
                Set.of("name", "version", "created"));
        matches("name", get(m, "name"), PACKAGE_NAME);
        matches("version", get(m, "version"), SEMVER);
        string("description", get(m, "description"));
        string("vendor", get(m, "vendor"));
        instant("created", get(m, "created"));
        instant("expires", get(m, "expires"));
        List<JsonNode> targets = array("targets", get(m, "targets"), 0);
        for (int i = 0; i < targets.size(); i++) {
            String at = "targets[" + i + "]";
            JsonNode t = targets.get(i);
            fields(at + ".", t, Set.of("product", "os", "architecture", "runtimeVersion"), Set.of());
            for (String field : List.of("product", "os", "architecture")) {
                text(at + "." + field, t.get(field));
            }
            range(at + ".runtimeVersion", get(t, "runtimeVersion"));
        }
        List<JsonNode> requires = array("requires", get(m, "requires"), 0);
        for (int i = 0; i < requires.size(); i++) {
            String at = "requires[" + i + "]";
            fields(at + ".", requires.get(i), Set.of("name", "version"), Set.of("name", "version"));
            matches(at + ".name", get(requires.get(i), "name"), PACKAGE_NAME);
            range(at + ".version", get(requires.get(i), "version"));
        }
        bool("allowDowngrade", get(m, "allowDowngrade"));
        oneOf("failurePolicy", get(m, "failurePolicy"), "rollback", "stop");
        List<JsonNode> payloads = array("payloads", get(m, "payloads"), 0);
        for (int i = 0; i < payloads.size(); i++) {
            String at = "payloads[" + i + "]";
            JsonNode p = payloads.get(i);
            fields(at + ".", p, Set.of("path", "size", "sha256"), Set.of("path", "size", "sha256"));
            JsonNode path = get(p, "path");
            if (string(at + ".path", path) && !(path.asText().startsWith("payload/") && path.asText().length() > 8)) {
                problems.add(at + ".path: must be payload/ and a name");
            }
            JsonNode size = get(p, "size");
            if (size != null && !(size.isIntegralNumber() && size.canConvertToLong() && size.asLong() >= 0)) {
                problems.add(at + ".size: must be an integer of at least 0");
            }
            matches(at + ".sha256", get(p, "sha256"), SHA256);
        }
        List<JsonNode> actions = array("actions", get(m, "actions"), 0);
        for (int i = 0; i < actions.size(); i++) {
            action("actions[" + i + "]", actions.get(i));
        }
    }

    private void action(String at, JsonNode a) {
        if (!a.isObject()) {
            problems.add(at + ": must be an object");
            return;
        }
        JsonNode type = a.get("type");
        List<String> parameters = type == null || !type.isTextual() ? null : PARAMETERS.get(type.asText());
        if (parameters == null) {
            problems.add(at + ".type: must be one of " + PARAMETERS.keySet());
            return;
        }
        Set<String> allowed = new HashSet<>(COMMON);
        Set<String> required = new HashSet<>(Set.of("id"));
        for (String p : parameters) {
            allowed.add(p.replace("!", ""));
            if (p.endsWith("!")) {
                required.add(p.replace("!", ""));
            }
        }
        fields(at + ".", a, allowed, required);
        matches(at + ".id", get(a, "id"), ACTION_ID);
        string(at + ".description", get(a, "description"));
        condition(at + ".when", get(a, "when"));
        timeout(at + ".timeout", get(a, "timeout"));
        oneOf(at + ".onError", get(a, "onError"), "fail", "continue");
        for (Iterator<String> names = a.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!COMMON.contains(name) && allowed.contains(name) && get(a, name) != null) {
                parameter(at + "." + name, name, get(a, name), required.contains(name));
            }
        }
        if (type.asText().equals("properties.set")) {
            JsonNode set = get(a, "set");
            JsonNode remove = get(a, "remove");
            if ((set == null || set.size() == 0) && (remove == null || remove.size() == 0)) {
                problems.add(at + ": needs at least one key to set or remove");
            }
            if (set != null && remove != null) {
                remove.forEach(key -> {
                    if (set.has(key.asText())) {
                        problems.add(at + ".remove: key '" + key.asText() + "' is also in set");
                    }
                });
            }
        }
        if (type.asText().equals("verify") && get(a, "check") != null) {
            String check = a.get("check").asText();
            if (!check.equals("command")) {
                text(at + ".path", get(a, "path"));
            }
            if (check.equals("file-hash") && get(a, "sha256") == null) {
                problems.add(at + ".sha256: is required for check file-hash");
            }
            if (check.equals("command") && array(at + ".command", get(a, "command"), 1).isEmpty()) {
                problems.add(at + ".command: is required for check command");
            }
        }
    }

    private void parameter(String at, String name, JsonNode value, boolean required) {
        switch (name) {
            case "source", "destination", "path", "file" -> {
                if (required) {
                    text(at, value);
                } else {
                    string(at, value);
                }
            }
            case "undoSource", "directory", "workingDir", "interpreter" -> {
                if (value != null && !value.isNull()) {
                    text(at, value);
                }
            }
            case "mode" -> matches(at, value, MODE);
            case "format" -> oneOf(at, value, "zip", "tar", "tar.gz");
            case "manager" -> oneOf(at, value, "dpkg", "rpm", "opkg");
            case "check" -> oneOf(at, value, "file-exists", "file-hash", "command");
            case "sha256" -> matches(at, value, SHA256);
            case "runtimeVersion" -> matches(at, value, SEMVER);
            case "recursive", "missingOk", "create" -> bool(at, value);
            case "set", "environment" -> {
                if (!value.isObject()) {
                    problems.add(at + ": must be an object");
                    return;
                }
                value.fields().forEachRemaining(e -> {
                    if (e.getKey().isEmpty()) {
                        problems.add(at + ": keys must not be empty");
                    }
                    if (!e.getValue().isNull()) {
                        string(at + "." + e.getKey(), e.getValue());
                    }
                });
            }
            case "remove", "arguments", "undo", "command" -> {
                List<JsonNode> items = array(at, value, name.equals("command") ? 1 : 0);
                for (int i = 0; i < items.size(); i++) {
                    string(at + "[" + i + "]", items.get(i));
                }
            }
            case "successExitCodes" -> {
                for (JsonNode code : array(at, value, 0)) {
                    if (!code.isInt()) {
                        problems.add(at + ": must hold integers");
                    }
                }
            }
            default -> throw new IllegalStateException(name + " has no rule");
        }
    }

    private void condition(String at, JsonNode when) {
        if (when == null) {
            return;
        }
        fields(at + ".", when, Set.of("os", "product", "architecture"), Set.of());
        boolean any = false;
        for (String key : List.of("os", "product", "architecture")) {
            JsonNode v = get(when, key);
            if (v != null && v.isArray()) {
                List<JsonNode> items = array(at + "." + key, v, 0);
                for (int i = 0; i < items.size(); i++) {
                    text(at + "." + key + "[" + i + "]", items.get(i));
                }
                any |= !items.isEmpty();
            } else if (v != null) {
                text(at + "." + key, v);
                any = true;
            }
        }
        if (when.isObject() && !any) {
            problems.add(at + ": must name at least one of os, product, architecture");
        }
    }

    private void timeout(String at, JsonNode value) {
        if (value == null) {
            return;
        }
        Matcher text = TIMEOUT.matcher(value.isTextual() ? value.asText().trim() : "");
        BigInteger millis = null;
        if (value.isTextual() && text.matches()) {
            String unit = text.group(2) == null ? "s" : text.group(2);
            long perUnit = switch (unit) {
                case "ms" -> 1;
                case "m" -> 60_000;
                case "h" -> 3_600_000;
                default -> 1000;
            };
            millis = new BigInteger(text.group(1)).multiply(BigInteger.valueOf(perUnit));
        } else if (value.isIntegralNumber()) {
            millis = value.bigIntegerValue().multiply(BigInteger.valueOf(1000));
        }
        if (millis == null || millis.signum() <= 0) {
            problems.add(at + ": must be such as 500ms, 30s, 5m, 1h or a positive number of seconds");
        } else if (millis.compareTo(MAX_TIMEOUT_MILLIS) > 0) {
            problems.add(at + ": must be at most 24h");
        }
    }

    private void fields(String prefix, JsonNode object, Set<String> allowed, Set<String> required) {
        if (!object.isObject()) {
            String at = prefix.isEmpty() ? "manifest" : prefix.substring(0, prefix.length() - 1);
            problems.add(at + ": must be an object");
            return;
        }
        object.fieldNames().forEachRemaining(name -> {
            if (!allowed.contains(name)) {
                problems.add(prefix + name + ": unknown field");
            }
        });
        for (String name : required) {
            if (get(object, name) == null) {
                problems.add(prefix + name + ": is required");
            }
        }
    }

    private List<JsonNode> array(String at, JsonNode value, int min) {
        if (value == null) {
            return List.of();
        }
        if (!value.isArray() || value.size() < min) {
            problems.add(at + ": must be an array" + (min > 0 ? " of at least " + min : ""));
            return List.of();
        }
        List<JsonNode> items = new ArrayList<>();
        for (JsonNode item : value) {
            if (item.isNull()) {
                problems.add(at + ": must not hold null");
            } else {
                items.add(item);
            }
        }
        return items;
    }

    /** Whether a present value is a string; a present non-string is a problem. */
    private boolean string(String at, JsonNode value) {
        if (value != null && !value.isTextual()) {
            problems.add(at + ": must be a string");
            return false;
        }
        return value != null;
    }

    /** A required string that must not be blank. */
    private void text(String at, JsonNode value) {
        if (value == null || value.isNull()) {
            problems.add(at + ": is required");
        } else if (string(at, value) && value.asText().isBlank()) {
            problems.add(at + ": must not be blank");
        }
    }

    private void matches(String at, JsonNode value, Pattern pattern) {
        if (string(at, value) && !pattern.matcher(value.asText()).matches()) {
            problems.add(at + ": '" + value.asText() + "' does not match " + pattern);
        }
    }

    private void oneOf(String at, JsonNode value, String... values) {
        if (string(at, value) && !List.of(values).contains(value.asText())) {
            problems.add(at + ": must be one of " + List.of(values));
        }
    }

    private void bool(String at, JsonNode value) {
        if (value != null && !value.isBoolean()) {
            problems.add(at + ": must be true or false");
        }
    }

    private void instant(String at, JsonNode value) {
        if (string(at, value) && instant(value.asText()) == null) {
            problems.add(at + ": not an instant");
        }
    }

    /** Section 5: node-semver ranges; an empty range is '*'; an operator may stand apart from its version. */
    private void range(String at, JsonNode value) {
        if (!string(at, value) || value.asText().isBlank()) {
            return;
        }
        for (String alternative : value.asText().strip().split("\\|\\|", -1)) {
            if (!alternative(alternative.strip())) {
                problems.add(at + ": '" + value.asText() + "' is not a version range");
                return;
            }
        }
    }

    private static boolean alternative(String part) {
        if (part.isEmpty() || part.indexOf('|') >= 0) {
            return false;
        }
        List<String> tokens = new ArrayList<>();
        String[] raw = part.split("\\s+");
        for (int i = 0; i < raw.length; i++) {
            if (OPERATOR.matcher(raw[i]).matches()) {
                if (i + 1 == raw.length) {
                    return false;
                }
                tokens.add(raw[i] + raw[++i]);
            } else {
                tokens.add(raw[i]);
            }
        }
        if (tokens.contains("-")) {
            return tokens.size() == 3 && tokens.get(1).equals("-") && version(tokens.get(0)) && version(tokens.get(2));
        }
        return tokens.stream().allMatch(t -> version(t.replaceFirst("^(<=|>=|<|>|=|~|\\^)", "")));
    }

    /** A full SemVer version, or a partial one with wildcards: 1, 1.2, 1.2.x, 1.x, *. */
    private static boolean version(String text) {
        if (text.indexOf('-') >= 0 || text.indexOf('+') >= 0) {
            return SEMVER.matcher(text).matches();
        }
        if (!PARTIAL.matcher(text).matches()) {
            return false;
        }
        // Only wildcards may follow a wildcard.
        return !text.matches(".*[*xX]\\.(0|[1-9]\\d*).*");
    }
}
