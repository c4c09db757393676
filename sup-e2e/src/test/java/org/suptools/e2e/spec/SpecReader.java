package org.suptools.e2e.spec;

import static org.suptools.e2e.spec.Rejection.Reason.BAD_SIGNATURE;
import static org.suptools.e2e.spec.Rejection.Reason.COMPRESSION_RATIO;
import static org.suptools.e2e.spec.Rejection.Reason.DUPLICATE_ENTRY;
import static org.suptools.e2e.spec.Rejection.Reason.EXPIRED;
import static org.suptools.e2e.spec.Rejection.Reason.HASH_MISMATCH;
import static org.suptools.e2e.spec.Rejection.Reason.INVALID_MANIFEST;
import static org.suptools.e2e.spec.Rejection.Reason.INVALID_SIGNATURES;
import static org.suptools.e2e.spec.Rejection.Reason.MANIFEST_NOT_FIRST;
import static org.suptools.e2e.spec.Rejection.Reason.MANIFEST_TOO_LARGE;
import static org.suptools.e2e.spec.Rejection.Reason.MISSING_PAYLOAD;
import static org.suptools.e2e.spec.Rejection.Reason.OVERLAPPING_ENTRIES;
import static org.suptools.e2e.spec.Rejection.Reason.PAYLOAD_TOO_LONG;
import static org.suptools.e2e.spec.Rejection.Reason.SIZE_MISMATCH;
import static org.suptools.e2e.spec.Rejection.Reason.SPECIAL_ENTRY;
import static org.suptools.e2e.spec.Rejection.Reason.THRESHOLD_NOT_MET;
import static org.suptools.e2e.spec.Rejection.Reason.TRUNCATED;
import static org.suptools.e2e.spec.Rejection.Reason.UNLISTED_ENTRY;
import static org.suptools.e2e.spec.Rejection.Reason.UNSAFE_ENTRY_NAME;
import static org.suptools.e2e.spec.Rejection.Reason.UNSIGNED;
import static org.suptools.e2e.spec.Rejection.Reason.UNSUPPORTED_FORMAT_VERSION;
import static org.suptools.e2e.spec.Rejection.Reason.UNTRUSTED_SIGNER;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.zip.ZipException;
import org.suptools.e2e.spec.ZipDirectory.Entry;

/**
 * A .sup reader written from docs/format.md, with no code of sup-model: it verifies a package in
 * the order of section 4 and returns what it read. Where its first version, written from the page
 * alone, disagreed with sup, the page was made precise; the reader follows the page.
 */
public final class SpecReader {

    private static final String MANIFEST = "manifest.json";
    private static final String SIGNATURES = "signatures.json";
    private static final String PAYLOAD_PREFIX = "payload/";
    private static final int MANIFEST_LIMIT = 1 << 20;
    private static final int SIGNATURES_LIMIT = 64 << 10;
    private static final String CHUNKS = "payload/.sup-chunks/";
    private static final int CHUNK_INDEX_LIMIT = 1 << 20;
    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");
    private static final long RATIO_FLOOR = 1 << 20;
    private static final long MAX_RATIO = 200;
    private static final Pattern KEY_ID = Pattern.compile("[0-9a-f]{16}");

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    /** What the reader saw: the package's identity, its contents as measured, and who signed it. */
    public record SupView(String name, String version, List<Target> targets, List<String> actionTypes,
            List<Payload> payloads, List<String> signerKeyIds, Set<String> trustedSigners) {
    }

    /** One target; {@code runtimeVersion} is empty when the manifest gives none. */
    public record Target(String product, String os, String architecture, Optional<String> runtimeVersion) {
    }

    /** A payload entry as read: its name, byte count and SHA-256. */
    public record Payload(String name, long size, String sha256) {
    }

    /** One element of signatures.json. */
    record SignatureEntry(String keyId, String algorithm, byte[] signature) {
    }

    /**
     * Whom to trust: public keys by the key id computed from each and how many distinct ones must
     * have signed; or nobody, which checks integrity only and accepts unsigned packages, as
     * {@code sup verify --no-trust} does.
     */
    public record Trust(Map<String, PublicKey> keys, int threshold, boolean checked) {

        public static Trust of(List<PublicKey> keys, int threshold) throws GeneralSecurityException {
            Map<String, PublicKey> byId = new LinkedHashMap<>();
            for (PublicKey key : keys) {
                byId.put(SpecKeys.keyId(key), key);
            }
            return new Trust(Map.copyOf(byId), threshold, true);
        }

        public static Trust none() {
            return new Trust(Map.of(), 0, false);
        }
    }

    private SpecReader() {
    }

    /** Verifies {@code file} as docs/format.md section 4 says, judging expiry at {@code now}. */
    public static SupView read(Path file, Trust trust, Instant now) throws IOException, Rejection {
        try (ZipDirectory zip = ZipDirectory.open(file)) {
            // 1. Structure.
            List<Entry> entries = zip.entries();
            Map<String, Entry> byName = checkEntries(entries);
            checkRanges(entries);
            checkTotalSize(entries, zip.fileSize());
            byte[] manifestBytes = readSmall(zip, entries.get(0), MANIFEST_LIMIT);
            Entry signaturesEntry = byName.get(SIGNATURES);
            byte[] signatureBytes = signaturesEntry == null ? null : readSmall(zip, signaturesEntry, SIGNATURES_LIMIT);

            // 2. The manifest.
            JsonNode manifest = parse(manifestBytes, INVALID_MANIFEST);
            JsonNode version = manifest.get("formatVersion");
            if (version == null || !version.isNumber()) {
                throw new Rejection(INVALID_MANIFEST, "formatVersion: is required (a whole number)");
            }
            if (!version.isInt() || version.intValue() != 1) {
                throw new Rejection(UNSUPPORTED_FORMAT_VERSION, "formatVersion " + version);
            }
            List<String> problems = ManifestRules.check(manifest);
            if (!problems.isEmpty()) {
                throw new Rejection(INVALID_MANIFEST, String.join("; ", problems));
            }

            // 3. Signatures.
            List<SignatureEntry> signatures = signatureBytes == null ? List.of() : signatures(signatureBytes);
            Set<String> trusted = trust.checked() ? trustedSigners(signatures, manifestBytes, trust) : Set.of();

            // 4. Expiry.
            JsonNode expires = manifest.get("expires");
            if (expires != null && !expires.isNull() && !now.isBefore(ManifestRules.instant(expires.asText()))) {
                throw new Rejection(EXPIRED, "expired at " + expires.asText());
            }

            // 5. Contents.
            Map<String, JsonNode> listed = new LinkedHashMap<>();
            for (JsonNode p : manifest.path("payloads")) {
                if (listed.put(p.get("path").asText(), p) != null) {
                    throw new Rejection(DUPLICATE_ENTRY, p.get("path").asText() + " is listed twice");
                }
            }
            List<Entry> payloadEntries = entries.stream()
                    .filter(e -> !e.name().equals(MANIFEST) && !e.name().equals(SIGNATURES)).toList();
            for (Entry entry : payloadEntries) {
                if (!listed.containsKey(entry.name())) {
                    throw new Rejection(UNLISTED_ENTRY, "'" + entry.name() + "' is not in the manifest's payloads");
                }
            }
            for (JsonNode p : listed.values()) {
                Entry entry = byName.get(p.get("path").asText());
                if (entry == null) {
                    throw new Rejection(MISSING_PAYLOAD, p.get("path").asText() + " is listed but not in the archive");
                }
                if (entry.size() != p.get("size").asLong()) {
                    throw new Rejection(SIZE_MISMATCH, entry.name() + ": the directory says " + entry.size()
                            + " bytes, the manifest " + p.get("size").asLong());
                }
                if (ratioExceeded(entry.size(), entry.compressedSize())) {
                    throw new Rejection(COMPRESSION_RATIO, entry.name() + " expands more than " + MAX_RATIO + " times");
                }
            }

            // 5a. Chunk indexes: each one checked as a payload, then as the index of the payload it names.
            Map<String, ChunkIndex> indexes = chunkIndexes(zip, byName, listed);

            // 6. Payloads, in archive order, by their SHA-256 and, when indexed, by each chunk's.
            List<Payload> payloads = new ArrayList<>();
            for (Entry entry : payloadEntries) {
                payloads.add(readPayload(zip, entry, listed.get(entry.name()),
                        Optional.ofNullable(indexes.get(entry.name()))));
            }

            List<Target> targets = new ArrayList<>();
            for (JsonNode t : manifest.path("targets")) {
                Optional<String> range = Optional.ofNullable(t.get("runtimeVersion")).filter(v -> !v.isNull())
                        .map(JsonNode::asText);
                targets.add(new Target(t.get("product").asText(), t.get("os").asText(), t.get("architecture").asText(),
                        range));
            }
            List<String> actionTypes = new ArrayList<>();
            manifest.path("actions").forEach(a -> actionTypes.add(a.get("type").asText()));
            return new SupView(manifest.get("name").asText(), manifest.get("version").asText(), List.copyOf(targets),
                    List.copyOf(actionTypes), List.copyOf(payloads),
                    signatures.stream().map(SignatureEntry::keyId).toList(), Set.copyOf(trusted));
        }
    }

    /** Section 1, "Reading the archive": every entry's name, kind, method and place; the entries by name. */
    private static Map<String, Entry> checkEntries(List<Entry> entries) throws Rejection {
        if (entries.isEmpty() || entries.get(0).localHeaderOffset() != 0) {
            throw new Rejection(MANIFEST_NOT_FIRST, "no entry at offset 0");
        }
        Map<String, Entry> byName = new LinkedHashMap<>();
        for (int i = 0; i < entries.size(); i++) {
            Entry entry = entries.get(i);
            String name = entry.name();
            boolean directory = name.endsWith("/");
            String problem = EntryNames.problem(directory ? name.substring(0, name.length() - 1) : name);
            if (problem != null) {
                throw new Rejection(UNSAFE_ENTRY_NAME, "'" + name + "' is " + problem);
            }
            if (byName.put(name, entry) != null) {
                throw new Rejection(DUPLICATE_ENTRY, "'" + name + "' occurs twice");
            }
            int type = entry.unixFileType();
            if (directory || (entry.externalAttributes() & 0x18) != 0 || type != 0 && type != 0100000) {
                throw new Rejection(SPECIAL_ENTRY, "'" + name + "' is not a regular file");
            }
            if ((entry.flags() & 1) != 0 || entry.method() != Entry.STORED && entry.method() != Entry.DEFLATED) {
                throw new Rejection(SPECIAL_ENTRY, "'" + name + "' is encrypted or uses method " + entry.method());
            }
            if (i == 0 && !name.equals(MANIFEST)) {
                throw new Rejection(MANIFEST_NOT_FIRST, "the first entry is '" + name + "'");
            }
            if (i > 0 && (name.equals(SIGNATURES) ? i != 1 : !name.startsWith(PAYLOAD_PREFIX))) {
                throw new Rejection(UNLISTED_ENTRY, "'" + name + "' has no place at position " + (i + 1));
            }
        }
        return byName;
    }

    /** Section 1: an entry's local header and data lie before the next entry's local header. */
    private static void checkRanges(List<Entry> entries) throws Rejection {
        for (int i = 1; i < entries.size(); i++) {
            Entry previous = entries.get(i - 1);
            if (entries.get(i).localHeaderOffset() < previous.dataOffset() + previous.compressedSize()) {
                throw new Rejection(OVERLAPPING_ENTRIES, "'" + entries.get(i).name() + "' starts inside '"
                        + previous.name() + "'");
            }
        }
    }

    /** Section 1: all entries' sizes together, against the ratio limit and the file's size. */
    private static void checkTotalSize(List<Entry> entries, long fileSize) throws Rejection {
        BigInteger total = BigInteger.ZERO;
        for (Entry entry : entries) {
            total = total.add(BigInteger.valueOf(entry.size()));
        }
        if (total.compareTo(BigInteger.valueOf(RATIO_FLOOR)) > 0
                && total.compareTo(BigInteger.valueOf(fileSize).multiply(BigInteger.valueOf(MAX_RATIO))) > 0) {
            throw new Rejection(COMPRESSION_RATIO, "the entries declare " + total + " bytes in a file of " + fileSize);
        }
    }

    private static List<SignatureEntry> signatures(byte[] bytes) throws Rejection {
        JsonNode root = parse(bytes, INVALID_SIGNATURES);
        JsonNode list = root.get("signatures");
        if (root.size() != 1 || list == null || !list.isArray()) {
            throw new Rejection(INVALID_SIGNATURES, "must be {\"signatures\":[...]}");
        }
        List<SignatureEntry> result = new ArrayList<>();
        Set<String> keyIds = new HashSet<>();
        for (JsonNode s : list) {
            if (!s.isObject() || s.size() != 3 || !s.path("keyId").isTextual() || !s.path("algorithm").isTextual()
                    || !s.path("signature").isTextual()) {
                throw new Rejection(INVALID_SIGNATURES, "each signature has exactly keyId, algorithm and signature");
            }
            String keyId = s.get("keyId").asText();
            if (!KEY_ID.matcher(keyId).matches() || !keyIds.add(keyId)) {
                throw new Rejection(INVALID_SIGNATURES, "key id '" + keyId + "' is malformed or occurs twice");
            }
            if (!List.of("ed25519", "ecdsa-p256", "rsa-pss").contains(s.get("algorithm").asText())) {
                throw new Rejection(INVALID_SIGNATURES, "unknown algorithm " + s.get("algorithm").asText());
            }
            String value = s.get("signature").asText();
            byte[] signature;
            try {
                signature = Base64.getDecoder().decode(value);
            } catch (IllegalArgumentException e) {
                signature = new byte[0];
            }
            if (signature.length == 0 || !Base64.getEncoder().encodeToString(signature).equals(value)) {
                throw new Rejection(INVALID_SIGNATURES, keyId + ": the signature is not canonical base64");
            }
            result.add(new SignatureEntry(keyId, s.get("algorithm").asText(), signature));
        }
        result.sort(Comparator.comparing(SignatureEntry::keyId));
        return result;
    }

    private static Set<String> trustedSigners(List<SignatureEntry> signatures, byte[] manifest, Trust trust)
            throws Rejection {
        if (signatures.isEmpty()) {
            throw new Rejection(UNSIGNED, "the package is not signed");
        }
        Set<String> verified = new LinkedHashSet<>();
        for (SignatureEntry s : signatures) {
            PublicKey key = trust.keys().get(s.keyId());
            if (key == null) {
                continue;
            }
            try {
                if (!SpecKeys.verify(s.algorithm(), key, manifest, s.signature())) {
                    throw new Rejection(BAD_SIGNATURE, "trusted key " + s.keyId() + "'s signature does not verify");
                }
            } catch (GeneralSecurityException e) {
                throw new Rejection(BAD_SIGNATURE, s.keyId() + ": " + e.getMessage());
            }
            verified.add(s.keyId());
        }
        if (verified.isEmpty()) {
            throw new Rejection(UNTRUSTED_SIGNER, "no signer is trusted");
        }
        if (verified.size() < trust.threshold()) {
            throw new Rejection(THRESHOLD_NOT_MET, verified.size() + " trusted signer(s), "
                    + trust.threshold() + " needed");
        }
        return verified;
    }

    /** Reads a metadata entry of at most {@code limit} bytes, by what the directory says and by what it holds. */
    private static byte[] readSmall(ZipDirectory zip, Entry entry, int limit) throws IOException, Rejection {
        if (entry.size() > limit) {
            throw new Rejection(MANIFEST_TOO_LARGE, entry.name() + " declares " + entry.size() + " bytes");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try (ZipDirectory.EntryStream in = zip.open(entry)) {
            int n;
            while (out.size() <= limit && (n = in.read(buffer, 0, buffer.length)) >= 0) {
                out.write(buffer, 0, n);
            }
        } catch (ZipException | EOFException e) {
            throw new Rejection(TRUNCATED, entry.name() + ": " + e.getMessage());
        }
        if (out.size() > limit) {
            throw new Rejection(MANIFEST_TOO_LARGE, entry.name() + " holds more than " + limit + " bytes");
        }
        if (out.size() != entry.size()) {
            throw new Rejection(SIZE_MISMATCH, entry.name() + " holds " + out.size() + " bytes, not " + entry.size());
        }
        return out.toByteArray();
    }

    /** A chunk index as section 2a describes it: the SHA-256 of every {@code chunkSize} bytes of its payload. */
    private record ChunkIndex(long chunkSize, List<String> sha256) {
    }

    /** Step 5a: every entry under payload/.sup-chunks/, read as a payload, then checked as an index; by payload name. */
    private static Map<String, ChunkIndex> chunkIndexes(ZipDirectory zip, Map<String, Entry> byName,
            Map<String, JsonNode> listed) throws IOException, Rejection {
        Map<String, ChunkIndex> indexes = new LinkedHashMap<>();
        for (JsonNode declared : listed.values()) {
            String name = declared.get("path").asText();
            if (!name.startsWith(CHUNKS)) {
                continue;
            }
            String indexed = PAYLOAD_PREFIX + name.substring(CHUNKS.length(), Math.max(CHUNKS.length(), name.length() - 5));
            if (!name.endsWith(".json") || !listed.containsKey(indexed) || indexed.startsWith(CHUNKS)) {
                throw new Rejection(INVALID_MANIFEST, name + ": names no payload the manifest lists");
            }
            if (declared.get("size").asLong() > CHUNK_INDEX_LIMIT) {
                throw new Rejection(INVALID_MANIFEST, name + ": more than " + CHUNK_INDEX_LIMIT + " bytes");
            }
            readPayload(zip, byName.get(name), declared, Optional.empty());
            JsonNode index = parse(readSmall(zip, byName.get(name), CHUNK_INDEX_LIMIT), INVALID_MANIFEST);
            List<String> fields = new ArrayList<>();
            index.fieldNames().forEachRemaining(fields::add);
            JsonNode chunkSize = index.get("chunkSize");
            JsonNode digests = index.get("sha256");
            if (!Set.copyOf(fields).equals(Set.of("payload", "chunkSize", "sha256"))
                    || !index.get("payload").isTextual() || !index.get("payload").asText().equals(indexed)
                    || !chunkSize.isIntegralNumber() || !chunkSize.canConvertToLong()
                    || chunkSize.asLong() < 1 << 20 || chunkSize.asLong() > 1 << 30 || Long.bitCount(chunkSize.asLong()) != 1
                    || !digests.isArray()) {
                throw new Rejection(INVALID_MANIFEST, name + ": not a chunk index of " + indexed);
            }
            List<String> hashes = new ArrayList<>();
            for (JsonNode digest : digests) {
                if (!digest.isTextual() || !SHA256_HEX.matcher(digest.asText()).matches()) {
                    throw new Rejection(INVALID_MANIFEST, name + ": a chunk's SHA-256 is not 64 lowercase hex digits");
                }
                hashes.add(digest.asText());
            }
            long size = listed.get(indexed).get("size").asLong();
            if (hashes.size() != (size + chunkSize.asLong() - 1) / chunkSize.asLong()) {
                throw new Rejection(INVALID_MANIFEST, name + ": " + hashes.size() + " chunks for " + size + " bytes");
            }
            indexes.put(indexed, new ChunkIndex(chunkSize.asLong(), List.copyOf(hashes)));
        }
        return indexes;
    }

    /**
     * Step 6 for one payload: its bytes up to the declared size, one more, the ratio on the way,
     * then the hash, and each chunk's hash when it has an index.
     */
    private static Payload readPayload(ZipDirectory zip, Entry entry, JsonNode declared, Optional<ChunkIndex> index)
            throws IOException, Rejection {
        long size = declared.get("size").asLong();
        MessageDigest sha256 = sha256();
        MessageDigest chunk = sha256();
        long chunkSize = index.map(ChunkIndex::chunkSize).orElse(Long.MAX_VALUE);
        long read = 0;
        byte[] buffer = new byte[64 << 10];
        try (ZipDirectory.EntryStream in = zip.open(entry)) {
            while (read < size) {
                long chunkLeft = chunkSize - read % chunkSize;
                int n = in.read(buffer, 0, (int) Math.min(Math.min(buffer.length, size - read), chunkLeft));
                if (n < 0) {
                    throw new Rejection(SIZE_MISMATCH, entry.name() + " ends after " + read + " of " + size + " bytes");
                }
                sha256.update(buffer, 0, n);
                if (index.isPresent()) {
                    chunk.update(buffer, 0, n);
                }
                read += n;
                if (index.isPresent() && (read % chunkSize == 0 || read == size)) {
                    int number = (int) ((read - 1) / chunkSize);
                    if (!HexFormat.of().formatHex(chunk.digest()).equals(index.get().sha256().get(number))) {
                        throw new Rejection(HASH_MISMATCH, entry.name() + ": chunk " + (number + 1) + " differs from its index");
                    }
                }
                if (ratioExceeded(read, in.compressedBytesRead())) {
                    throw new Rejection(COMPRESSION_RATIO, entry.name() + " expands more than " + MAX_RATIO + " times");
                }
            }
            if (in.read(buffer, 0, 1) >= 0) {
                throw new Rejection(PAYLOAD_TOO_LONG, entry.name() + " holds more than " + size + " bytes");
            }
        } catch (ZipException | EOFException e) {
            throw new Rejection(TRUNCATED, entry.name() + ": " + e.getMessage());
        }
        String hash = HexFormat.of().formatHex(sha256.digest());
        if (!hash.equals(declared.get("sha256").asText())) {
            throw new Rejection(HASH_MISMATCH, entry.name() + " has SHA-256 " + hash);
        }
        return new Payload(entry.name(), read, hash);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Section 2's field rules: the bytes decoded as UTF-8, strictly, after an optional UTF-8
     * byte-order mark; UTF-16 and UTF-32 (with a mark or with NUL bytes) are refused.
     */
    private static String utf8(byte[] bytes, Rejection.Reason reason) throws Rejection {
        int start = bytes.length >= 3 && (bytes[0] & 0xFF) == 0xEF && (bytes[1] & 0xFF) == 0xBB
                && (bytes[2] & 0xFF) == 0xBF ? 3 : 0;
        for (byte b : bytes) {
            if (b == 0) {
                throw new Rejection(reason, "a NUL byte: not UTF-8");
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, start, bytes.length - start)).toString();
        } catch (CharacterCodingException e) {
            throw new Rejection(reason, "not UTF-8: " + e.getMessage());
        }
    }

    private static boolean ratioExceeded(long uncompressed, long compressed) {
        return uncompressed > RATIO_FLOOR && (compressed <= 0 || uncompressed > MAX_RATIO * compressed);
    }

    private static JsonNode parse(byte[] bytes, Rejection.Reason reason) throws Rejection {
        try {
            JsonNode node = JSON.readTree(utf8(bytes, reason));
            if (node == null || !node.isObject()) {
                throw new Rejection(reason, "not a JSON object");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new Rejection(reason, e.getOriginalMessage());
        } catch (IOException e) {
            throw new Rejection(reason, e.getMessage());
        }
    }
}
