package org.suptools.model.archive;

import java.io.IOException;
import java.util.Objects;
import org.suptools.model.InvalidPackageException;

/**
 * Thrown by a stream from {@link SupArchive#openPayload} when the payload turns out not to be
 * what the manifest declares. It is an {@link IOException} so that it passes through any copy
 * loop ({@code InputStream.transferTo}, {@code Files.copy}); the refusal itself, with its
 * {@link InvalidPackageException.Reason}, is {@link #invalidPackage()}.
 */
public final class PayloadVerificationException extends IOException {

    private final InvalidPackageException invalidPackage;

    public PayloadVerificationException(InvalidPackageException invalidPackage) {
        super(Objects.requireNonNull(invalidPackage, "invalidPackage").getMessage(), invalidPackage);
        this.invalidPackage = invalidPackage;
    }

    /** Why the payload was refused. */
    public InvalidPackageException invalidPackage() {
        return invalidPackage;
    }
}
