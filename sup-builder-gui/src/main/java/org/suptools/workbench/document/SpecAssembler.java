package org.suptools.workbench.document;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.suptools.model.action.Action;
import org.suptools.model.json.JsonProblems;
import org.suptools.model.json.SupJson;
import org.suptools.model.manifest.FailurePolicy;
import org.suptools.model.manifest.PackageName;
import org.suptools.model.manifest.Requirement;
import org.suptools.model.manifest.Target;
import org.suptools.model.problem.Problem;
import org.suptools.model.spec.PackageSpec;
import org.suptools.model.validation.PackageValidator;
import org.suptools.model.version.SemVer;

/**
 * Turns a document into a {@link PackageSpec} and runs the model's validator on it, collecting
 * every problem located the way the spec is written ({@code actions[2].source}). Parts that the
 * model refuses are reported and left out, and the whole-package checks still run over the rest,
 * so one bad field never hides the other problems.
 */
public final class SpecAssembler {

    private static final Pattern ACTION_INDEX = Pattern.compile("^actions\\[(\\d+)]");
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final Instant now;

    public SpecAssembler(Instant now) {
        this.now = now;
    }

    public Assembly assemble(PackageDocument document, Set<String> payloadNames) {
        List<Problem> problems = new ArrayList<>();
        Metadata m = document.metadata();
        boolean complete = true;

        String name = m.name();
        try {
            PackageName.check(name);
        } catch (IllegalArgumentException e) {
            problems.add(fieldProblem("", e.getMessage(), "name"));
            name = "unnamed";
            complete = false;
        }
        SemVer version = SemVer.of(0, 0, 0);
        if (m.version().isBlank()) {
            problems.add(Problem.error("version", "is required (a SemVer 2.0 version such as 1.0.0)"));
            complete = false;
        } else {
            try {
                version = SemVer.parse(m.version());
            } catch (IllegalArgumentException e) {
                problems.add(Problem.error("version", e.getMessage()));
                complete = false;
            }
        }
        Optional<Instant> expires = Optional.empty();
        if (!m.expires().isBlank()) {
            try {
                expires = Optional.of(Instant.parse(m.expires().trim()));
            } catch (DateTimeParseException e) {
                problems.add(Problem.error("expires", "'" + m.expires()
                        + "' is not a UTC time such as 2027-01-01T00:00:00Z"));
                complete = false;
            }
        }
        FailurePolicy policy = FailurePolicy.ROLLBACK;
        try {
            policy = FailurePolicy.fromText(m.effectiveFailurePolicy());
        } catch (IllegalArgumentException e) {
            problems.add(Problem.error("failurePolicy", e.getMessage()));
            complete = false;
        }

        List<Target> targets = rows("targets", document.targets(), Target.class, problems);
        List<Requirement> requires = rows("requires", document.requires(), Requirement.class, problems);
        if (targets.size() < document.targets().size() || requires.size() < document.requires().size()) {
            complete = false;
        }
        m.extras().fieldNames().forEachRemaining(field -> problems.add(Problem.error(field, "unknown field")));
        if (!m.extras().isEmpty()) {
            complete = false;
        }

        List<Action> actions = new ArrayList<>();
        List<Integer> originalIndex = new ArrayList<>();
        Set<String> referencedByBroken = new HashSet<>();
        for (int i = 0; i < document.actions().size(); i++) {
            ActionDraft draft = document.actions().get(i);
            ActionDraft.Result result = draft.build();
            if (result.action().isPresent()) {
                actions.add(result.action().get());
                originalIndex.add(i);
            } else {
                for (Problem problem : result.problems()) {
                    problems.add(relocate(problem, "actions[" + i + "]"));
                }
                ActionFields.of(draft.type()).stream().filter(FieldSpec::isPayload)
                        .forEach(f -> referencedByBroken.add(draft.text(f.name())));
                complete = false;
            }
        }

        PackageSpec spec = new PackageSpec(name, version, optional(m.description()), optional(m.vendor()), expires,
                targets, requires, m.allowDowngrade(), policy, optional(m.payloadDir()), actions);
        for (Problem problem : new PackageValidator(now).validate(spec.contents(payloadNames))) {
            if (problem.location().equals("actions") && !document.actions().isEmpty()) {
                continue;
            }
            if (problem.location().equals("targets") && !document.targets().isEmpty()) {
                continue;
            }
            if (problem.location().equals("payloads") && referencedByBroken.stream()
                    .anyMatch(ref -> problem.message().startsWith("'" + ref + "'"))) {
                continue;
            }
            problems.add(reindex(problem, originalIndex));
        }
        problems.sort(Comparator.comparingInt(SpecAssembler::rank).thenComparingInt(SpecAssembler::index));
        return new Assembly(complete ? Optional.of(spec) : Optional.empty(), problems);
    }

    /**
     * The model's values of a table's rows; a row it refuses is reported at {@code field[i]} and
     * left out. An empty cell is an absent field, so the model says what it needs.
     */
    private static <D extends RowDraft<D>, T> List<T> rows(String field, List<D> rows, Class<T> type,
            List<Problem> problems) {
        List<T> values = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            ObjectNode node = NODES.objectNode();
            D row = rows.get(i);
            for (String cell : row.fields()) {
                String text = row.get(cell);
                if (!text.isBlank()) {
                    node.put(cell, text);
                }
            }
            try {
                values.add(SupJson.json().treeToValue(node, type));
            } catch (JsonProcessingException e) {
                problems.add(relocate(JsonProblems.of(e), field + "[" + i + "]"));
            }
        }
        return values;
    }

    private static Optional<String> optional(String text) {
        return text == null || text.isBlank() ? Optional.empty() : Optional.of(text);
    }

    /** A model message of the form {@code field: text} as a problem at {@code prefix.field}. */
    private static Problem fieldProblem(String prefix, String message, String defaultField) {
        int colon = message.indexOf(": ");
        if (colon > 0 && message.substring(0, colon).matches("[A-Za-z][A-Za-z0-9]*")) {
            return Problem.error(join(prefix, message.substring(0, colon)), message.substring(colon + 2));
        }
        return Problem.error(join(prefix, defaultField), message);
    }

    private static Problem relocate(Problem problem, String prefix) {
        String location = problem.location().isEmpty() ? prefix : prefix + "." + problem.location();
        if (problem.location().startsWith("[")) {
            location = prefix + problem.location();
        }
        return new Problem(problem.severity(), location, problem.message());
    }

    private static Problem reindex(Problem problem, List<Integer> originalIndex) {
        Matcher matcher = ACTION_INDEX.matcher(problem.location());
        String location = problem.location();
        if (matcher.find()) {
            int built = Integer.parseInt(matcher.group(1));
            location = "actions[" + originalIndex.get(built) + "]" + location.substring(matcher.end());
        }
        String message = problem.message();
        Matcher inMessage = Pattern.compile("actions\\[(\\d+)]").matcher(message);
        StringBuilder rewritten = new StringBuilder();
        while (inMessage.find()) {
            int built = Integer.parseInt(inMessage.group(1));
            String replacement = built < originalIndex.size() ? "actions[" + originalIndex.get(built) + "]" : inMessage.group();
            inMessage.appendReplacement(rewritten, Matcher.quoteReplacement(replacement));
        }
        inMessage.appendTail(rewritten);
        return new Problem(problem.severity(), location, rewritten.toString());
    }

    private static String join(String prefix, String field) {
        return prefix.isEmpty() ? field : prefix + "." + field;
    }

    private static final List<String> ORDER = List.of("name", "version", "description", "vendor", "expires",
            "failurePolicy", "targets", "requires", "payloadDir", "actions", "payloads");

    private static int rank(Problem problem) {
        String location = problem.location();
        for (int i = 0; i < ORDER.size(); i++) {
            if (Assembly.within(location, ORDER.get(i))) {
                return i;
            }
        }
        return ORDER.size();
    }

    private static int index(Problem problem) {
        Matcher matcher = Pattern.compile("^\\w+\\[(\\d+)]").matcher(problem.location());
        return matcher.find() ? Integer.parseInt(matcher.group(1)) : -1;
    }
}
