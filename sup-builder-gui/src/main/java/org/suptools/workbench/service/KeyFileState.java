package org.suptools.workbench.service;

import java.util.Objects;

/**
 * What a remembered key's file holds now, checked against what was remembered: a key signs only
 * when its file is there and still holds the same key.
 *
 * @param detail for the user: empty when ready, else what is wrong, without the file's name
 */
public record KeyFileState(Kind kind, String detail) {

    public enum Kind {
        /** The file holds the remembered key. */
        READY,
        /** The file is gone. */
        MISSING,
        /** The file holds another key now (its key id differs). */
        CHANGED,
        /** The file is there but is no usable private key (any more). */
        UNREADABLE
    }

    public static final KeyFileState READY = new KeyFileState(Kind.READY, "");

    public KeyFileState {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(detail, "detail");
    }

    public boolean ready() {
        return kind == Kind.READY;
    }

    /** As the Build tab's Status column shows it. */
    public String shown() {
        return switch (kind) {
            case READY -> "ready";
            case MISSING -> "file gone";
            case CHANGED -> "changed: " + detail;
            case UNREADABLE -> "unreadable: " + detail;
        };
    }
}
