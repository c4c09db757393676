package org.suptools.workbench.document;

import java.util.List;

/**
 * One parameter of an action type as the editor shows it: the field name as specs write it, a
 * label, how it is edited, the values a choice offers, and a one-line hint.
 */
public record FieldSpec(String name, String label, FieldKind kind, List<String> choices, String hint) {

    public FieldSpec {
        choices = List.copyOf(choices);
    }

    static FieldSpec of(String name, String label, FieldKind kind, String hint) {
        return new FieldSpec(name, label, kind, List.of(), hint);
    }

    static FieldSpec choice(String name, String label, FieldKind kind, List<String> choices, String hint) {
        return new FieldSpec(name, label, kind, choices, hint);
    }

    public boolean isPayload() {
        return kind == FieldKind.PAYLOAD || kind == FieldKind.OPTIONAL_PAYLOAD;
    }
}
