package org.suptools.workbench.viewmodel;

import java.util.Objects;

/**
 * One line of the compare screen: the section (Metadata, Targets, Requirements, Actions,
 * Payloads, Signatures), what happened (added, removed, changed, moved), the item (a field name,
 * an action id, a payload file), the field of it that changed (empty for the item as a whole),
 * and the values before and after (empty when the item did not exist on that side).
 */
public record DiffRow(String section, String kind, String item, String field, String before, String after) {

    public DiffRow {
        Objects.requireNonNull(section, "section");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(item, "item");
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(before, "before");
        Objects.requireNonNull(after, "after");
    }
}
