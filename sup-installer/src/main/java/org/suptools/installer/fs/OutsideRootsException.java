package org.suptools.installer.fs;

import java.io.IOException;

/**
 * A change to a gateway path was refused by the {@link Confinement}: the message names the path
 * (and, when a link is the reason, the link and its target).
 */
public final class OutsideRootsException extends IOException {

    public OutsideRootsException(String message) {
        super(message);
    }
}
