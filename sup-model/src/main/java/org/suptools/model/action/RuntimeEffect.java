package org.suptools.model.action;

/**
 * What an action type does to the gateway's runtime process: the points of a package where the
 * runtime goes down or comes back, and the reboot a package may request for after it completes.
 */
public enum RuntimeEffect {
    NONE("none"),
    STOP("stop"),
    START("start"),
    RESTART("restart"),
    REBOOT_AFTER("reboot");

    private final String text;

    RuntimeEffect(String text) {
        this.text = text;
    }

    public String text() {
        return text;
    }

    /** True when the action stops, starts or restarts the runtime while the package runs. */
    public boolean touchesRuntime() {
        return this == STOP || this == START || this == RESTART;
    }

    /** True when the runtime runs again afterwards, and so may load what the package changed. */
    public boolean startsRuntime() {
        return this == START || this == RESTART;
    }
}
