package org.suptools.model.action;

/** Starts the gateway runtime and waits for its health check. Undo: stop it again. */
public record RuntimeStart(ActionHeader header) implements Action {

    public RuntimeStart {
        java.util.Objects.requireNonNull(header, "header");
    }

    @Override
    public RuntimeStart withHeader(ActionHeader newHeader) {
        return new RuntimeStart(newHeader);
    }

    @Override
    public String summary() {
        return "start the runtime and wait until healthy";
    }
}
