package org.suptools.workbench.document;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The package fields of a spec as typed, checked only when the spec is assembled. Any field the
 * Workbench does not edit is carried through unchanged in {@code extras}, so that opening and
 * saving a spec never drops what its author wrote.
 */
public record Metadata(
        String name,
        String version,
        String description,
        String vendor,
        String expires,
        String failurePolicy,
        boolean allowDowngrade,
        String payloadDir,
        ObjectNode extras) {

    public Metadata {
        name = nonNull(name);
        version = nonNull(version);
        description = nonNull(description);
        vendor = nonNull(vendor);
        expires = nonNull(expires);
        failurePolicy = nonNull(failurePolicy);
        payloadDir = nonNull(payloadDir);
        extras = extras == null ? JsonNodeFactory.instance.objectNode() : extras.deepCopy();
    }

    public static Metadata newPackage() {
        return new Metadata("new-package", "1.0.0", "", "", "", "", false, "", null);
    }

    /**
     * The failure policy in force: as written, or {@code rollback} when the spec leaves it out. The
     * field itself keeps what the author wrote, so that saving does not add the default to the file.
     */
    public String effectiveFailurePolicy() {
        return failurePolicy.isBlank() ? "rollback" : failurePolicy;
    }

    /** The value of a text field by its name as specs write it. */
    public String text(String field) {
        return switch (field) {
            case "name" -> name;
            case "version" -> version;
            case "description" -> description;
            case "vendor" -> vendor;
            case "expires" -> expires;
            case "failurePolicy" -> failurePolicy;
            case "payloadDir" -> payloadDir;
            default -> throw new IllegalArgumentException("no text field " + field);
        };
    }

    public Metadata withText(String field, String value) {
        String v = nonNull(value);
        return switch (field) {
            case "name" -> new Metadata(v, version, description, vendor, expires, failurePolicy, allowDowngrade, payloadDir, extras);
            case "version" -> new Metadata(name, v, description, vendor, expires, failurePolicy, allowDowngrade, payloadDir, extras);
            case "description" -> new Metadata(name, version, v, vendor, expires, failurePolicy, allowDowngrade, payloadDir, extras);
            case "vendor" -> new Metadata(name, version, description, v, expires, failurePolicy, allowDowngrade, payloadDir, extras);
            case "expires" -> new Metadata(name, version, description, vendor, v, failurePolicy, allowDowngrade, payloadDir, extras);
            case "failurePolicy" -> new Metadata(name, version, description, vendor, expires, v, allowDowngrade, payloadDir, extras);
            case "payloadDir" -> new Metadata(name, version, description, vendor, expires, failurePolicy, allowDowngrade, v, extras);
            default -> throw new IllegalArgumentException("no text field " + field);
        };
    }

    public Metadata withAllowDowngrade(boolean value) {
        return new Metadata(name, version, description, vendor, expires, failurePolicy, value, payloadDir, extras);
    }

    /** The payload directory relative to the spec, {@code payload} unless the spec names another. */
    public String effectivePayloadDir() {
        return payloadDir.isBlank() ? "payload" : payloadDir;
    }

    private static String nonNull(String value) {
        return value == null ? "" : value;
    }
}
