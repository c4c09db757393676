package org.suptools.model.action;

/** Stops the gateway runtime with the gateway's configured stop command. Undo: start it again. */
public record RuntimeStop(ActionHeader header) implements Action {

    public RuntimeStop {
        java.util.Objects.requireNonNull(header, "header");
    }

    @Override
    public RuntimeStop withHeader(ActionHeader newHeader) {
        return new RuntimeStop(newHeader);
    }

    @Override
    public String summary() {
        return "stop the runtime";
    }
}
