package org.suptools.workbench.viewmodel;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.suptools.model.action.Action;
import org.suptools.model.json.SupJson;
import org.suptools.model.manifest.Manifest;
import org.suptools.model.manifest.PayloadFile;
import org.suptools.model.packaging.Change;
import org.suptools.workbench.service.PackageComparison;

/**
 * The model's changes laid out for the compare screen, section by section. Only presentation:
 * which changes there are is {@code PackageDiff}'s answer; this looks up the detail behind each
 * (the fields of a changed action, the whole SHA-256 of a payload) in the two manifests.
 */
final class DiffRows {

    static final List<String> SECTIONS = List.of("Metadata", "Targets", "Requirements", "Actions", "Payloads",
            "Signatures");

    private DiffRows() {
    }

    static List<DiffRow> of(PackageComparison comparison) {
        Manifest a = comparison.a().manifest();
        Manifest b = comparison.b().manifest();
        List<DiffRow> rows = new ArrayList<>();
        for (Change change : comparison.changes()) {
            String location = change.location();
            int open = location.indexOf('[');
            String key = open < 0 ? location : location.substring(open + 1, location.length() - 1);
            String kind = change.kind().name().toLowerCase(Locale.ROOT);
            String before = change.before().orElse("");
            String after = change.after().orElse("");
            String section = sectionOf(change);
            switch (section) {
                case "Requirements" -> rows.add(new DiffRow(section, kind, key, "version", before, after));
                case "Signatures" -> rows.add(new DiffRow(section, kind, key, "algorithm", before, after));
                case "Payloads" -> rows.addAll(payload(kind, key, a, b, before, after));
                case "Actions" -> rows.addAll(action(change, key, a, b));
                default -> rows.add(new DiffRow(section, kind, key, "", before, after));
            }
        }
        rows.sort(Comparator.comparingInt(row -> SECTIONS.indexOf(row.section())));
        return rows;
    }

    /** The section a change belongs to, by its location: {@code version}, {@code actions[fw]}, {@code payloads[a.bin]}. */
    static String sectionOf(Change change) {
        String location = change.location();
        int open = location.indexOf('[');
        return switch (open < 0 ? "" : location.substring(0, open)) {
            case "" -> "Metadata";
            case "targets" -> "Targets";
            case "requires" -> "Requirements";
            case "actions" -> "Actions";
            case "payloads" -> "Payloads";
            case "signatures" -> "Signatures";
            default -> location.substring(0, open);
        };
    }

    private static List<DiffRow> payload(String kind, String name, Manifest a, Manifest b, String before,
            String after) {
        Optional<PayloadFile> old = a.payloads().stream().filter(p -> p.name().equals(name)).findFirst();
        Optional<PayloadFile> now = b.payloads().stream().filter(p -> p.name().equals(name)).findFirst();
        if (old.isEmpty() || now.isEmpty()) {
            // Added or removed: its size and whole SHA-256 on the side it is on, one row each.
            return List.of(
                    new DiffRow("Payloads", kind, name, "size", old.map(p -> p.size() + " bytes").orElse(""),
                            now.map(p -> p.size() + " bytes").orElse("")),
                    new DiffRow("Payloads", kind, name, "SHA-256", old.map(PayloadFile::sha256).orElse(""),
                            now.map(PayloadFile::sha256).orElse("")));
        }
        List<DiffRow> rows = new ArrayList<>();
        if (old.get().size() != now.get().size()) {
            rows.add(new DiffRow("Payloads", kind, name, "size", old.get().size() + " bytes",
                    now.get().size() + " bytes"));
        }
        if (!old.get().sha256().equals(now.get().sha256())) {
            rows.add(new DiffRow("Payloads", kind, name, "SHA-256", old.get().sha256(), now.get().sha256()));
        }
        if (rows.isEmpty()) {
            rows.add(new DiffRow("Payloads", kind, name, "", before, after));
        }
        return rows;
    }

    private static List<DiffRow> action(Change change, String id, Manifest a, Manifest b) {
        String kind = change.kind().name().toLowerCase(Locale.ROOT);
        Optional<Action> old = find(a, id);
        Optional<Action> now = find(b, id);
        return switch (change.kind()) {
            case ADDED -> List.of(new DiffRow("Actions", kind, id, "", "", now.map(DiffRows::summary).orElse("")));
            case REMOVED -> List.of(new DiffRow("Actions", kind, id, "", old.map(DiffRows::summary).orElse(""), ""));
            case MOVED -> List.of(new DiffRow("Actions", kind, id, "position", change.before().orElse(""),
                    change.after().orElse("")));
            case CHANGED -> fields(id, old.orElseThrow(), now.orElseThrow());
        };
    }

    private static String summary(Action action) {
        return action.type().typeName() + ": " + action.summary();
    }

    /** One row a field that differs, found by comparing the two actions as the manifest writes them. */
    private static List<DiffRow> fields(String id, Action old, Action now) {
        Map<String, String> before = flatten(SupJson.json().valueToTree(old));
        Map<String, String> after = flatten(SupJson.json().valueToTree(now));
        Set<String> names = new LinkedHashSet<>(before.keySet());
        names.addAll(after.keySet());
        List<DiffRow> rows = new ArrayList<>();
        for (String name : names) {
            String was = before.getOrDefault(name, "");
            String is = after.getOrDefault(name, "");
            if (!was.equals(is)) {
                rows.add(new DiffRow("Actions", "changed", id, name, was, is));
            }
        }
        return rows;
    }

    /** An object's fields by dotted path ({@code when.os}); a list or a value stays whole. */
    private static Map<String, String> flatten(JsonNode node) {
        Map<String, String> fields = new LinkedHashMap<>();
        flatten("", node, fields);
        return fields;
    }

    private static void flatten(String prefix, JsonNode node, Map<String, String> fields) {
        if (node.isObject() && (prefix.isEmpty() || node.size() > 0)) {
            node.fields().forEachRemaining(entry -> flatten(prefix.isEmpty() ? entry.getKey()
                    : prefix + "." + entry.getKey(), entry.getValue(), fields));
        } else if (!node.isNull() && !node.isMissingNode()) {
            fields.put(prefix, node.isValueNode() ? node.asText() : node.toString());
        }
    }

    private static Optional<Action> find(Manifest manifest, String id) {
        return manifest.actions().stream().filter(action -> action.id().equals(id)).findFirst();
    }
}
