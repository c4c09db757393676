package org.suptools.model.signing;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.suptools.model.InvalidPackageException;
import org.suptools.model.InvalidPackageException.Reason;
import org.suptools.model.json.JsonProblems;
import org.suptools.model.json.Utf8Json;
import org.suptools.model.problem.ShownText;

/** Reads {@code signatures.json} strictly, naming the file and the field at fault. */
final class SignatureSetParser {

    private static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private static final Set<String> ENTRY_FIELDS = Set.of("keyId", "algorithm", "signature");

    private static final String KNOWN_IDS =
            Arrays.stream(KeyAlgorithm.values()).map(KeyAlgorithm::id).collect(Collectors.joining(", "));

    private SignatureSetParser() {
    }

    static SignatureSet parse(byte[] json, String fileName) throws InvalidPackageException {
        if (json.length > SignatureSet.MAX_JSON_SIZE) {
            throw invalid(fileName, json.length + " bytes exceeds the limit of " + SignatureSet.MAX_JSON_SIZE);
        }
        JsonNode root = readTree(json, fileName);
        if (root == null || !root.isObject()) {
            throw invalid(fileName, "must be a JSON object with a \"signatures\" array");
        }
        rejectUnknownFields(root, Set.of("signatures"), "", fileName);
        JsonNode array = root.get("signatures");
        if (array == null || !array.isArray()) {
            throw invalid(fileName, "signatures: must be an array");
        }
        Map<String, Integer> firstIndexByKeyId = new LinkedHashMap<>();
        List<PackageSignature> signatures = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            String at = "signatures[" + i + "]";
            PackageSignature signature = entry(array.get(i), at, fileName);
            Integer earlier = firstIndexByKeyId.putIfAbsent(signature.keyId(), i);
            if (earlier != null) {
                throw invalid(fileName, at + ".keyId: key " + signature.keyId()
                        + " already signed in signatures[" + earlier + "]");
            }
            signatures.add(signature);
        }
        return new SignatureSet(signatures);
    }

    private static PackageSignature entry(JsonNode node, String at, String fileName) throws InvalidPackageException {
        if (!node.isObject()) {
            throw invalid(fileName, at + ": must be an object");
        }
        rejectUnknownFields(node, ENTRY_FIELDS, at + ".", fileName);
        String keyId = text(node, "keyId", at, fileName);
        String algorithmName = text(node, "algorithm", at, fileName);
        String value = text(node, "signature", at, fileName);
        KeyAlgorithm algorithm = KeyAlgorithm.forId(algorithmName).orElseThrow(() -> invalid(fileName,
                at + ".algorithm: unknown algorithm '" + algorithmName + "' (known: " + KNOWN_IDS + ")"));
        try {
            return new PackageSignature(keyId, algorithm, value);
        } catch (IllegalArgumentException e) {
            throw invalid(fileName, at + "." + e.getMessage());
        }
    }

    private static String text(JsonNode node, String field, String at, String fileName) throws InvalidPackageException {
        JsonNode value = node.get(field);
        if (value == null) {
            throw invalid(fileName, at + "." + field + ": missing");
        }
        if (!value.isTextual()) {
            throw invalid(fileName, at + "." + field + ": must be a string");
        }
        return value.textValue();
    }

    private static void rejectUnknownFields(JsonNode node, Set<String> known, String prefix, String fileName)
            throws InvalidPackageException {
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!known.contains(name)) {
                throw invalid(fileName, prefix + ShownText.escaped(name) + ": unknown field");
            }
        }
    }

    private static JsonNode readTree(byte[] json, String fileName) throws InvalidPackageException {
        String text;
        try {
            text = Utf8Json.decode(json);
        } catch (Utf8Json.NotUtf8Exception e) {
            throw invalid(fileName, e.getMessage(), e);
        }
        try (JsonParser parser = MAPPER.createParser(text)) {
            JsonNode root = MAPPER.readTree(parser);
            if (root != null && parser.nextToken() != null) {
                throw invalid(fileName, "unexpected data after the JSON value" + at(parser.currentTokenLocation()));
            }
            return root;
        } catch (JsonProcessingException e) {
            throw new InvalidPackageException(Reason.INVALID_SIGNATURES, JsonProblems.of(e).in(fileName), e);
        } catch (IOException e) {
            throw invalid(fileName, "cannot be read: " + oneLine(e.getMessage()), e);
        }
    }

    private static String at(JsonLocation location) {
        return location == null ? "" : " at line " + location.getLineNr() + ", column " + location.getColumnNr();
    }

    private static String oneLine(String message) {
        return String.valueOf(message).replaceAll("\\s*\\R\\s*", " ").strip();
    }

    private static InvalidPackageException invalid(String fileName, String problem) {
        return new InvalidPackageException(Reason.INVALID_SIGNATURES, fileName + ": " + problem);
    }

    private static InvalidPackageException invalid(String fileName, String problem, Throwable cause) {
        return new InvalidPackageException(Reason.INVALID_SIGNATURES, fileName + ": " + problem, cause);
    }
}
