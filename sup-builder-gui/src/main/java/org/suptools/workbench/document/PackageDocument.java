package org.suptools.workbench.document;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A whole package as it is being edited: its metadata, targets, requirements and actions.
 * Immutable, so that the edit history keeps snapshots and undo is exact.
 */
public record PackageDocument(Metadata metadata, List<TargetDraft> targets, List<RequirementDraft> requires,
        List<ActionDraft> actions) {

    public PackageDocument {
        targets = List.copyOf(targets);
        requires = List.copyOf(requires);
        actions = List.copyOf(actions);
    }

    /** A new package: one target for any gateway, no requirements, no actions yet. */
    public static PackageDocument empty() {
        return new PackageDocument(Metadata.newPackage(), List.of(TargetDraft.any()), List.of(), List.of());
    }

    public PackageDocument withMetadata(Metadata newMetadata) {
        return new PackageDocument(newMetadata, targets, requires, actions);
    }

    public PackageDocument withTargets(List<TargetDraft> newTargets) {
        return new PackageDocument(metadata, newTargets, requires, actions);
    }

    public PackageDocument withRequires(List<RequirementDraft> newRequires) {
        return new PackageDocument(metadata, targets, newRequires, actions);
    }

    public PackageDocument withActions(List<ActionDraft> newActions) {
        return new PackageDocument(metadata, targets, requires, newActions);
    }

    public PackageDocument withAction(int index, ActionDraft action) {
        List<ActionDraft> list = new ArrayList<>(actions);
        list.set(index, action);
        return withActions(list);
    }

    /** The actions with the one at {@code from} moved to {@code to} (an index in the result). */
    public PackageDocument moveAction(int from, int to) {
        List<ActionDraft> list = new ArrayList<>(actions);
        ActionDraft moved = list.remove(from);
        list.add(to, moved);
        return withActions(list);
    }

    public Set<String> actionIds() {
        return actions.stream().map(ActionDraft::id).collect(Collectors.toSet());
    }

    /** An id not used yet, made from a base such as {@code file-copy}: the base, then base-2, base-3... */
    public String freshId(String base) {
        Set<String> used = actionIds();
        if (!used.contains(base)) {
            return base;
        }
        for (int n = 2; ; n++) {
            String candidate = base + "-" + n;
            if (!used.contains(candidate)) {
                return candidate;
            }
        }
    }
}
