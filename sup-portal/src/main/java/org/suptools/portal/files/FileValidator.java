package org.suptools.portal.files;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * Which bytes a file id serves, as HTTP validators (RFC 9110, section 8.8): a strong {@code ETag} and
 * {@code Last-Modified}. A Developer File's bytes are a blob written once under a random name at its
 * upload and never changed (a new upload writes a new blob), so the blob's name and size name those
 * bytes exactly: the tag changes with every upload, even of a file of the same size, and never
 * otherwise. A resumed download sends it back in {@code If-Range}, so it gets the rest of the same
 * bytes or, if the file was replaced in between, the new file whole instead of a mix of the two.
 *
 * @param etag the entity tag, quoted, as sent in {@code ETag}
 * @param lastModified when the blob was written, to the second
 */
public record FileValidator(String etag, Instant lastModified) {

    private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);

    public FileValidator {
        Objects.requireNonNull(etag, "etag");
        if (!etag.matches("\"[\\x21\\x23-\\x7E]*\"")) {
            throw new IllegalArgumentException("etag: must be a quoted strong entity tag, was " + etag);
        }
        lastModified = lastModified.truncatedTo(ChronoUnit.SECONDS);
    }

    /** The validators of the bytes in {@code blob}, {@code size} long. */
    public static FileValidator of(Path blob, long size) throws IOException {
        Instant written = Files.getLastModifiedTime(blob).toInstant();
        // The store's blob names are hex; anything else is kept inside what a tag may hold.
        String name = blob.getFileName().toString().replaceAll("[^\\x21\\x23-\\x7E]", "_");
        return new FileValidator("\"" + name + "-" + Long.toHexString(size) + "\"", written);
    }

    /** {@code Last-Modified}'s value: an IMF-fixdate. */
    public String lastModifiedHeader() {
        return HTTP_DATE.format(lastModified);
    }

    /**
     * Whether an {@code If-Range} value names these bytes, so the range may be served: an entity tag
     * by strong comparison (a weak tag never matches), a date only when it is exactly {@code
     * Last-Modified}. Anything else, malformed included, does not match, and the whole file is sent.
     */
    public boolean matchesIfRange(String ifRange) {
        String value = ifRange.strip();
        if (value.startsWith("\"") || value.startsWith("W/")) {
            return value.equals(etag);
        }
        try {
            return Instant.from(HTTP_DATE.parse(value)).equals(lastModified);
        } catch (DateTimeParseException e) {
            return false;
        }
    }
}
