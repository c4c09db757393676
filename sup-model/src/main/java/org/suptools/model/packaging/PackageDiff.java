package org.suptools.model.packaging;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.suptools.model.action.Action;
import org.suptools.model.json.SupJson;
import org.suptools.model.manifest.Manifest;
import org.suptools.model.manifest.PayloadFile;
import org.suptools.model.manifest.Target;
import org.suptools.model.signing.PackageSignature;
import org.suptools.model.signing.SignatureSet;

/**
 * What changed from one package to another: metadata, targets, requirements, actions (matched
 * by id, so a reorder shows as moves, not as a rewrite), payloads by hash, and signers. The
 * creation time is left out: it says when, not what.
 */
public final class PackageDiff {

    private PackageDiff() {
    }

    public static List<Change> between(Manifest a, SignatureSet signaturesA, Manifest b, SignatureSet signaturesB) {
        List<Change> changes = new ArrayList<>();
        field(changes, "name", a.name(), b.name());
        field(changes, "version", a.version().toString(), b.version().toString());
        field(changes, "description", a.description().orElse(""), b.description().orElse(""));
        field(changes, "vendor", a.vendor().orElse(""), b.vendor().orElse(""));
        field(changes, "expires", a.expires().map(Object::toString).orElse("never"),
                b.expires().map(Object::toString).orElse("never"));
        field(changes, "allowDowngrade", String.valueOf(a.allowDowngrade()), String.valueOf(b.allowDowngrade()));
        field(changes, "failurePolicy", a.failurePolicy().text(), b.failurePolicy().text());
        keyed(changes, "targets", a.targets(), b.targets(), Target::toString, Target::toString);
        keyed(changes, "requires", a.requires(), b.requires(), r -> r.name(), r -> r.version().toString());
        keyed(changes, "payloads", a.payloads(), b.payloads(), PayloadFile::name,
                p -> p.size() + " bytes sha256:" + p.sha256().substring(0, 12));
        actions(changes, a.actions(), b.actions());
        keyed(changes, "signatures", signaturesA.signatures(), signaturesB.signatures(), PackageSignature::keyId,
                s -> s.algorithm().id());
        return List.copyOf(changes);
    }

    /**
     * The diff as {@code sup diff} prints it, one line each: every change, then the count ("No
     * differences", "1 difference", "3 differences"). The Workbench copies the same lines, so a
     * diff pasted into a review reads alike from either tool.
     */
    public static List<String> lines(List<Change> changes) {
        List<String> lines = new ArrayList<>();
        changes.forEach(change -> lines.add(change.toString()));
        lines.add(changes.isEmpty() ? "No differences"
                : changes.size() + " difference" + (changes.size() == 1 ? "" : "s"));
        return List.copyOf(lines);
    }

    private static void field(List<Change> changes, String location, String before, String after) {
        if (!before.equals(after)) {
            changes.add(Change.changed(location, before, after));
        }
    }

    private static <T> void keyed(List<Change> changes, String section, List<T> before, List<T> after,
            Function<T, String> key, Function<T, String> describe) {
        Map<String, T> old = index(before, key);
        Map<String, T> now = index(after, key);
        old.forEach((k, value) -> {
            T other = now.get(k);
            if (other == null) {
                changes.add(Change.removed(section + "[" + k + "]", describe.apply(value)));
            } else if (!Objects.equals(value, other)) {
                changes.add(Change.changed(section + "[" + k + "]", describe.apply(value), describe.apply(other)));
            }
        });
        now.forEach((k, value) -> {
            if (!old.containsKey(k)) {
                changes.add(Change.added(section + "[" + k + "]", describe.apply(value)));
            }
        });
    }

    private static void actions(List<Change> changes, List<Action> before, List<Action> after) {
        keyed(changes, "actions", before, after, Action::id, PackageDiff::describe);
        List<String> oldOrder = before.stream().map(Action::id).filter(id -> find(after, id).isPresent()).toList();
        List<String> newOrder = after.stream().map(Action::id).filter(id -> find(before, id).isPresent()).toList();
        for (int i = 0; i < newOrder.size(); i++) {
            String id = newOrder.get(i);
            if (!id.equals(oldOrder.get(i))) {
                changes.add(Change.moved("actions[" + id + "]", before.indexOf(find(before, id).get()),
                        after.indexOf(find(after, id).get())));
            }
        }
    }

    private static Optional<Action> find(List<Action> actions, String id) {
        return actions.stream().filter(a -> a.id().equals(id)).findFirst();
    }

    /** An action as its one-line JSON, so a changed parameter shows in the diff. */
    private static String describe(Action action) {
        try {
            return SupJson.json().writeValueAsString(action);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static <T> Map<String, T> index(List<T> values, Function<T, String> key) {
        Map<String, T> map = new LinkedHashMap<>();
        values.forEach(value -> map.putIfAbsent(key.apply(value), value));
        return map;
    }
}
