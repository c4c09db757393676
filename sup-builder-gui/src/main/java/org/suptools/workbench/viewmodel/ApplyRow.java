package org.suptools.workbench.viewmodel;

/** One action of an apply as it goes: 1-based index, id, type, status and the installer's message. */
public record ApplyRow(int index, String id, String type, String status, String message) {

    /** What a status means at a glance: the colour and icon it is shown with. */
    public enum Kind {
        SUCCESS, FAILURE, WARNING, RUNNING, WAITING, NEUTRAL
    }

    /** The status an action that the installer never reached ends with. */
    public static final String NOT_RUN = "not run";

    ApplyRow withStatus(String newStatus, String newMessage) {
        return new ApplyRow(index, id, type, newStatus, newMessage == null || newMessage.isEmpty() ? message : newMessage);
    }

    public Kind kind() {
        return kindOf(status);
    }

    /** The kind of a row's status, or of a run's outcome. */
    public static Kind kindOf(String status) {
        return switch (status == null ? "" : status) {
            case "succeeded", "planned" -> Kind.SUCCESS;
            case "failed", "rollback failed", "rolled-back", "rollback-incomplete", "refused", "busy", "usage error",
                    "failed to run", "connection lost" -> Kind.FAILURE;
            case "rolled back", "skipped", "will skip", "cancelled" -> Kind.WARNING;
            case "running" -> Kind.RUNNING;
            case "pending" -> Kind.WAITING;
            default -> status != null && status.startsWith("exit ") ? Kind.FAILURE : Kind.NEUTRAL;
        };
    }
}
