package org.suptools.tr50;

/**
 * The {@code errorCodes} of a failed {@link Tr50Result} that the public record documents. No full
 * list of the portal's codes is public; a reader must accept any int.
 */
public final class PortalErrorCodes {

    /** A {@code file.get} (or a campaign's SUP) names a file the portal does not have. */
    public static final int FILE_NOT_FOUND = -90008;

    private PortalErrorCodes() {
    }
}
