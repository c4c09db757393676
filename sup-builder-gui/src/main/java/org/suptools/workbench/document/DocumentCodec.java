package org.suptools.workbench.document;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.suptools.model.files.AtomicFiles;
import org.suptools.model.json.JsonProblems;
import org.suptools.model.json.SupJson;
import org.suptools.model.problem.Problem;
import org.suptools.model.spec.PackageSpec;
import org.suptools.model.validation.SpecException;

/**
 * Moves documents in and out of {@code sup.yaml}. A document is read from the spec's tree, not
 * through the model's records, so that a spec with mistakes still opens (the mistakes then show as
 * problems); a document whose every part is valid is written in the model's form, as the CLI
 * writes it, but without the defaults the author left out ({@code onError: fail},
 * {@code allowDowngrade: false}...), so that opening and saving a file does not change it.
 */
public final class DocumentCodec {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Set<String> KNOWN = Set.of("name", "version", "description", "vendor", "expires", "targets",
            "requires", "allowDowngrade", "failurePolicy", "payloadDir", "actions");

    private DocumentCodec() {
    }

    /** Reads a spec file (YAML, or JSON when it ends in .json) into a document. */
    public static PackageDocument read(Path file) throws SpecException {
        JsonNode root;
        try {
            root = mapperFor(file).readTree(Files.readAllBytes(file));
        } catch (JsonProcessingException e) {
            throw new SpecException(file, List.of(JsonProblems.of(e)));
        } catch (IOException e) {
            throw new SpecException(file, List.of(Problem.error("", "cannot read: " + e.getMessage())));
        }
        if (root == null || !root.isObject()) {
            throw new SpecException(file, List.of(Problem.error("", "not a spec: expected a mapping of fields")));
        }
        try {
            return fromTree((ObjectNode) root);
        } catch (IllegalArgumentException e) {
            throw new SpecException(file, List.of(Problem.error("actions", e.getMessage())));
        }
    }

    /**
     * Writes a document: through the model when it is valid, else its tree as typed so that work in
     * progress is never lost.
     */
    public static void write(PackageDocument document, Assembly assembly, Path file) throws IOException {
        ObjectMapper mapper = mapperFor(file);
        if (assembly.spec().isPresent() && !assembly.hasErrors()) {
            ObjectNode tree = withoutUnwrittenDefaults(mapper.valueToTree(assembly.spec().get()), document);
            AtomicFiles.write(file, file.toString().endsWith(".json")
                    ? SupJson.canonicalBytes(tree) : mapper.writeValueAsBytes(tree));
            return;
        }
        AtomicFiles.write(file, mapper.writeValueAsBytes(toTree(document)));
    }

    /**
     * The model's tree of a valid spec, less the fields the author's document does not have: the
     * model writes every default ({@code onError: fail}, {@code allowDowngrade: false}), which
     * the document, read from the author's file, leaves out. Since every part of the document was
     * valid, a field the model adds can only be a default.
     */
    static ObjectNode withoutUnwrittenDefaults(ObjectNode model, PackageDocument document) {
        ObjectNode written = toTree(document);
        model.retain(iterable(written.fieldNames()));
        JsonNode actions = model.path("actions");
        for (int i = 0; i < actions.size() && i < document.actions().size(); i++) {
            if (actions.get(i) instanceof ObjectNode action) {
                action.retain(iterable(document.actions().get(i).node().fieldNames()));
            }
        }
        return model;
    }

    private static List<String> iterable(java.util.Iterator<String> names) {
        List<String> list = new ArrayList<>();
        names.forEachRemaining(list::add);
        return list;
    }

    /** The document a spec's tree describes. */
    public static PackageDocument fromTree(ObjectNode root) {
        ObjectNode extras = NODES.objectNode();
        root.fields().forEachRemaining(e -> {
            if (!KNOWN.contains(e.getKey())) {
                extras.set(e.getKey(), e.getValue());
            }
        });
        Metadata metadata = new Metadata(text(root, "name"), text(root, "version"), text(root, "description"),
                text(root, "vendor"), text(root, "expires"), text(root, "failurePolicy"),
                root.path("allowDowngrade").asBoolean(false), text(root, "payloadDir"), extras);
        List<TargetDraft> targets = rows(root, "targets", TargetDraft.blank());
        List<RequirementDraft> requires = rows(root, "requires", RequirementDraft.blank());
        List<ActionDraft> actions = new ArrayList<>();
        for (JsonNode a : root.path("actions")) {
            if (a instanceof ObjectNode object) {
                actions.add(ActionDraft.of(object));
            }
        }
        return new PackageDocument(metadata, targets, requires, actions);
    }

    /** The spec tree of a document, fields in the order the model writes them. */
    public static ObjectNode toTree(PackageDocument document) {
        Metadata m = document.metadata();
        ObjectNode root = NODES.objectNode();
        putText(root, "name", m.name());
        putText(root, "version", m.version());
        putText(root, "description", m.description());
        putText(root, "vendor", m.vendor());
        putText(root, "expires", m.expires());
        putRows(root.putArray("targets"), document.targets());
        if (!document.requires().isEmpty()) {
            putRows(root.putArray("requires"), document.requires());
        }
        if (m.allowDowngrade()) {
            root.put("allowDowngrade", true);
        }
        putText(root, "failurePolicy", m.failurePolicy());
        putText(root, "payloadDir", m.payloadDir());
        var actions = root.putArray("actions");
        document.actions().forEach(a -> actions.add(a.node()));
        root.setAll(m.extras());
        return root;
    }

    /** The document of a valid spec. */
    public static PackageDocument fromSpec(PackageSpec spec) {
        return fromTree(SupJson.json().valueToTree(spec));
    }

    /** The rows of a list field, each cell as typed; what is not a field of the row is not kept. */
    private static <D extends RowDraft<D>> List<D> rows(JsonNode root, String field, D blank) {
        List<D> rows = new ArrayList<>();
        for (JsonNode node : root.path(field)) {
            D row = blank;
            for (String cell : blank.fields()) {
                row = row.with(cell, text(node, cell));
            }
            rows.add(row);
        }
        return rows;
    }

    private static <D extends RowDraft<D>> void putRows(ArrayNode array, List<D> rows) {
        for (D row : rows) {
            ObjectNode node = array.addObject();
            row.fields().forEach(cell -> putText(node, cell, row.get(cell)));
        }
    }

    private static void putText(ObjectNode node, String field, String value) {
        if (value != null && !value.isBlank()) {
            node.put(field, value);
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() || value.isContainerNode() ? "" : value.asText();
    }

    private static ObjectMapper mapperFor(Path file) {
        return file.toString().endsWith(".json") ? SupJson.json() : SupJson.yaml();
    }
}
