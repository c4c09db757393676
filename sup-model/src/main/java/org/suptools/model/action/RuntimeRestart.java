package org.suptools.model.action;

/** Restarts the gateway runtime and waits for its health check, so new configuration takes effect. */
public record RuntimeRestart(ActionHeader header) implements Action {

    public RuntimeRestart {
        java.util.Objects.requireNonNull(header, "header");
    }

    @Override
    public RuntimeRestart withHeader(ActionHeader newHeader) {
        return new RuntimeRestart(newHeader);
    }

    @Override
    public String summary() {
        return "restart the runtime and wait until healthy";
    }
}
