package org.suptools.workbench.viewmodel;

/**
 * One row of the action list: 1-based position, type, id, summary, the {@code when} condition
 * (empty when unconditional) and the worst problem of the action ("error", "warning" or "").
 */
public record ActionRow(int index, String type, String id, String summary, String when, String problem) {

    public boolean conditional() {
        return !when.isEmpty();
    }
}
