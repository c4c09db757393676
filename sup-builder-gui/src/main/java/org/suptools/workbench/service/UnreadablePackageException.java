package org.suptools.workbench.service;

import java.nio.file.Path;

/** A package that cannot be read, with a one-line reason that starts with the file's name. */
public final class UnreadablePackageException extends Exception {

    private static final long serialVersionUID = 1L;

    private final transient Path file;

    public UnreadablePackageException(Path file, String message, Throwable cause) {
        super(message, cause);
        this.file = file;
    }

    public Path file() {
        return file;
    }
}
