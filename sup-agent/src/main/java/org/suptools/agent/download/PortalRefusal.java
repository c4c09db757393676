package org.suptools.agent.download;

/** The portal answered a command with {@code success: false}: its first code and its messages. */
public final class PortalRefusal extends Exception {

    private final int code;

    public PortalRefusal(int code, String message) {
        super(message);
        this.code = code;
    }

    public int code() {
        return code;
    }
}
