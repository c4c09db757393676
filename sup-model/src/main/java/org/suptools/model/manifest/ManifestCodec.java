package org.suptools.model.manifest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import org.suptools.model.InvalidPackageException;
import org.suptools.model.InvalidPackageException.Reason;
import org.suptools.model.json.JsonProblems;
import org.suptools.model.json.SupJson;
import org.suptools.model.json.Utf8Json;

/** Reads and writes {@code manifest.json}: canonical bytes out, strict checks in. */
public final class ManifestCodec {

    public static final String ENTRY_NAME = "manifest.json";

    private ManifestCodec() {
    }

    /** The canonical bytes that go into the archive and that signatures cover. */
    public static byte[] toBytes(Manifest manifest) {
        return SupJson.canonicalBytes(manifest);
    }

    /**
     * Parses manifest bytes read from a package: UTF-8 only ({@link Utf8Json}). The format version
     * is checked first, so that a package from a newer toolchain is refused as such, not as a pile
     * of unknown fields.
     *
     * @param source names the package in messages
     */
    public static Manifest parse(byte[] bytes, String source) throws InvalidPackageException {
        JsonNode tree;
        try {
            tree = SupJson.json().readTree(Utf8Json.decode(bytes));
        } catch (Utf8Json.NotUtf8Exception e) {
            throw new InvalidPackageException(Reason.INVALID_MANIFEST, source + ": " + ENTRY_NAME + " " + e.getMessage(),
                    e);
        } catch (IOException e) {
            throw invalid(source, e);
        }
        if (tree == null || !tree.isObject()) {
            throw new InvalidPackageException(Reason.INVALID_MANIFEST, source + ": " + ENTRY_NAME + " is not a JSON object");
        }
        JsonNode format = tree.get("formatVersion");
        if (format == null || format.isNull()) {
            throw new InvalidPackageException(Reason.INVALID_MANIFEST,
                    source + ": " + ENTRY_NAME + " formatVersion: is required (a whole number)");
        }
        if (!format.isNumber()) {
            throw new InvalidPackageException(Reason.INVALID_MANIFEST, source + ": " + ENTRY_NAME
                    + " formatVersion: must be a whole number such as " + Manifest.FORMAT_VERSION + ", not "
                    + kindOf(format));
        }
        if (!format.isInt() || format.intValue() != Manifest.FORMAT_VERSION) {
            // 1.0, 2 or a 401-digit number: a version this tool does not read, whatever its form.
            throw new InvalidPackageException(Reason.UNSUPPORTED_FORMAT_VERSION, source + ": " + ENTRY_NAME
                    + " formatVersion: " + shortened(format.asText()) + " is not a supported format version (this tool "
                    + "reads version " + Manifest.FORMAT_VERSION + ")");
        }
        try {
            return SupJson.json().treeToValue(tree, Manifest.class);
        } catch (IOException e) {
            throw invalid(source, e);
        }
    }

    private static String kindOf(JsonNode node) {
        return node.isTextual() ? "a text value (write it without quotes)" : node.isBoolean() ? "true or false"
                : node.isArray() ? "a list" : "an object";
    }

    private static String shortened(String number) {
        return number.length() <= 20 ? number : number.substring(0, 12) + "... (" + number.length() + " digits)";
    }

    private static InvalidPackageException invalid(String source, IOException e) {
        String problem = e instanceof JsonProcessingException json ? JsonProblems.of(json).toString()
                : "cannot be read: " + e.getMessage();
        return new InvalidPackageException(Reason.INVALID_MANIFEST, source + ": " + ENTRY_NAME + " " + problem, e);
    }
}
