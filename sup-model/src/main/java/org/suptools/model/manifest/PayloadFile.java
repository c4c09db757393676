package org.suptools.model.manifest;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One payload file as the manifest pins it: its path inside the archive (always under
 * {@code payload/}), its exact size in bytes and the lowercase hex SHA-256 of its content.
 */
public record PayloadFile(String path, @JsonProperty(required = true) long size, String sha256) {

    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");

    /** Every payload entry name in an archive starts with this prefix. */
    public static final String PREFIX = "payload/";

    public PayloadFile {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(sha256, "sha256");
        if (!path.startsWith(PREFIX) || path.length() == PREFIX.length()) {
            throw new IllegalArgumentException("path: '" + path + "' must name a file under " + PREFIX);
        }
        if (size < 0) {
            throw new IllegalArgumentException("size: must not be negative, was " + size);
        }
        if (!SHA256_HEX.matcher(sha256).matches()) {
            throw new IllegalArgumentException("sha256: '" + sha256 + "' is not 64 lowercase hex digits");
        }
    }

    /** The path relative to {@code payload/}, as actions refer to it. */
    public String name() {
        return path.substring(PREFIX.length());
    }
}
