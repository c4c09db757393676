package org.suptools.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.suptools.e2e.InstallReport.JSON;
import static org.suptools.e2e.Launchers.ROOT;
import static org.suptools.e2e.Launchers.sup;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.suptools.e2e.Launchers.Keys;
import org.suptools.e2e.Launchers.Result;
import org.suptools.e2e.spec.Rejection;
import org.suptools.e2e.spec.SpecKeys;
import org.suptools.e2e.spec.SpecReader;
import org.suptools.e2e.spec.SpecReader.Payload;
import org.suptools.e2e.spec.SpecReader.SupView;
import org.suptools.e2e.spec.SpecReader.Target;
import org.suptools.e2e.spec.SpecReader.Trust;

/**
 * docs/format.md is precise enough to write a compatible reader: {@link SpecReader}, written from
 * that page alone, reads every sample package the real {@code bin/sup build} and {@code bin/sup
 * sign} make, sees what {@code bin/sup inspect --json} sees, and refuses a tampered copy exactly
 * when {@code bin/sup verify} does, for the same reason.
 */
class FormatSpecIT {

    private static final Path SAMPLES = ROOT.resolve("sample-packages/packages");
    private static final Instant NOW = Instant.now();

    /** RFC 8032, section 7.1, TEST 1: the secret key of the key docs/format.md's worked example uses. */
    private static final String RFC8032_TEST1_SECRET =
            "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60";

    /** runtime-config with a random payload of two chunks and a byte, which sup build gives a chunk index (section 2a). */
    private static final String INDEXED_PACKAGE = "runtime-config-with-a-large-image";
    private static final String LARGE_IMAGE = "payload/image.bin";
    private static final String LARGE_IMAGE_INDEX = "payload/.sup-chunks/image.bin.json";
    private static final int CHUNK_SIZE = 16 << 20;

    /** runtime-config signed by a key the trust store does not hold: the same manifest, another signature. */
    private static final String STRANGERS_PACKAGE = "runtime-config-by-a-stranger";

    @TempDir
    static Path work;

    private static Keys ed25519;
    private static Keys ecdsa;
    private static Keys rsa;
    /** A key the trust store does not hold. */
    private static Keys stranger;
    private static Path trustDir;
    private static Trust trust;

    /** Each package built for the test, by label, with the keys that signed it. */
    private static final Map<String, Path> PACKAGES = new TreeMap<>();
    private static final Map<String, List<Keys>> SIGNERS = new HashMap<>();

    @BeforeAll
    static void buildPackages() throws Exception {
        Launchers.seeFreshJars();
        ed25519 = Launchers.keygen(work.resolve("keys/ed25519"));
        ecdsa = Launchers.keygen(work.resolve("keys/ecdsa"), "--algorithm", "ecdsa-p256");
        rsa = Launchers.keygen(work.resolve("keys/rsa"), "--algorithm", "rsa-3072");
        stranger = Launchers.keygen(work.resolve("strangers/stranger"));
        for (String sample : samples()) {
            keep(sample, build(sample, sample, ed25519), ed25519);
        }
        keep("cert-rotation-ecdsa", build("cert-rotation-ecdsa", "cert-rotation", ecdsa), ecdsa);
        keep(STRANGERS_PACKAGE, build(STRANGERS_PACKAGE, "runtime-config", stranger), stranger);
        keep(INDEXED_PACKAGE, build(INDEXED_PACKAGE, "runtime-config", ed25519, FormatSpecIT::addLargeImage), ed25519);
        Path twice = work.resolve("cert-rotation-ecdsa-rsa.sup");
        Result sign = sup("sign", PACKAGES.get("cert-rotation-ecdsa").toString(), "--key", rsa.privateKey().toString(),
                "-o", twice.toString());
        assertThat(sign.exit()).as(sign.output()).isZero();
        keep("cert-rotation-ecdsa-rsa", twice, ecdsa, rsa);

        trustDir = Files.createDirectories(work.resolve("trust"));
        List<PublicKey> trusted = new ArrayList<>();
        for (Keys keys : List.of(ed25519, ecdsa, rsa)) {
            Files.copy(keys.publicKey(), trustDir.resolve(keys.publicKey().getFileName()));
            trusted.add(SpecKeys.read(keys.publicKey()));
        }
        trust = Trust.of(trusted, 1);
    }

    private static void keep(String label, Path file, Keys... signers) {
        PACKAGES.put(label, file);
        SIGNERS.put(label, List.of(signers));
    }

    private static List<String> samples() throws IOException {
        try (Stream<Path> dirs = Files.list(SAMPLES)) {
            return dirs.filter(d -> Files.isRegularFile(d.resolve("sup.yaml"))).map(d -> d.getFileName().toString())
                    .sorted().toList();
        }
    }

    private static void addLargeImage(Path source) {
        byte[] image = new byte[2 * CHUNK_SIZE + 1];
        new Random(14).nextBytes(image);
        try {
            Files.write(source.resolve("payload/image.bin"), image);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code bin/sup build} of a copy of a sample, signed with {@code keys}. */
    private static Path build(String label, String sample, Keys keys) throws Exception {
        return build(label, sample, keys, source -> { });
    }

    private static Path build(String label, String sample, Keys keys, Consumer<Path> edit) throws Exception {
        Path source = Trees.copy(SAMPLES.resolve(sample), work.resolve("src/" + label));
        edit.accept(source);
        Path out = work.resolve(label + ".sup");
        Result build = sup("build", source.toString(), "-o", out.toString(), "--key", keys.privateKey().toString());
        assertThat(build.exit()).as(build.output()).isZero();
        return out;
    }

    static Stream<String> signedPackages() {
        return PACKAGES.keySet().stream().filter(label -> !label.contains("stranger"));
    }

    @Test
    void keyIds_areTheSpecsDerivationOfThePublicKey() throws Exception {
        for (Keys keys : List.of(ed25519, ecdsa, rsa, stranger)) {
            assertThat(SpecKeys.keyId(SpecKeys.read(keys.publicKey()))).as(keys.publicKey().toString())
                    .isEqualTo(keys.keyId());
        }
    }

    @Test
    void workedExample_ofTheSpec_isWhatSupBuilds_andTheReaderAccepts() throws Exception {
        String spec = Files.readString(ROOT.resolve("docs/format.md"));
        String example = spec.substring(spec.indexOf("### Worked example"), spec.indexOf("## 4. "));
        List<String> blocks = new ArrayList<>();
        for (Matcher block = Pattern.compile("```[a-z]*\n(.*?)```", Pattern.DOTALL).matcher(example); block.find(); ) {
            blocks.add(block.group(1));
        }
        assertThat(blocks).as("public key, spec, manifest.json, signatures.json").hasSize(4);
        String words = example.replaceAll("\\s+", " ");
        Path dir = Files.createDirectories(work.resolve("worked-example/spec"));

        PublicKey key = SpecKeys.read(Files.writeString(dir.resolveSibling("example.pub"), blocks.get(0)));
        assertThat(HexFormat.of().formatHex(key.getEncoded())).startsWith("302a300506032b6570032100");
        assertThat(words).contains("so the key id is `" + SpecKeys.keyId(key) + "`");
        Path manifest = Files.writeString(dir.resolveSibling("manifest.json"), blocks.get(2));
        assertThat(words).contains("manifest.json` (" + Files.size(manifest) + " bytes")
                .contains(Trees.sha256(manifest));

        // sup build of the spec with that key writes exactly these two files.
        Files.writeString(dir.resolve("sup.yaml"), blocks.get(1));
        byte[] pkcs8 = HexFormat.of().parseHex("302e020100300506032b657004220420" + RFC8032_TEST1_SECRET);
        Path privateKey = Files.writeString(dir.resolveSibling("example.key"), "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getEncoder().encodeToString(pkcs8) + "\n-----END PRIVATE KEY-----\n");
        Path sup = dir.resolveSibling("example.sup");
        Result build = sup("build", dir.toString(), "-o", sup.toString(), "--key", privateKey.toString(),
                "--source-date-epoch", "315532800");
        assertThat(build.exit()).as(build.output()).isZero();
        Map<String, byte[]> entries = entries(sup);
        assertThat(new String(entries.get("manifest.json"), StandardCharsets.UTF_8)).isEqualTo(blocks.get(2));
        assertThat(new String(entries.get("signatures.json"), StandardCharsets.UTF_8)).isEqualTo(blocks.get(3));
        assertThat(SpecReader.read(sup, Trust.of(List.of(key), 1), NOW).trustedSigners())
                .containsExactly(SpecKeys.keyId(key));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("signedPackages")
    void reader_acceptsWhatSupBuilds_andSeesWhatInspectShows(String label) throws Exception {
        Path file = PACKAGES.get(label);
        List<String> signers = SIGNERS.get(label).stream().map(Keys::keyId).sorted().toList();
        Trust everySigner = new Trust(trust.keys(), signers.size(), true);

        SupView view = SpecReader.read(file, everySigner, NOW);

        Result inspect = sup("inspect", file.toString(), "--json", "--trust", trustDir.toString());
        assertThat(inspect.exit()).as(inspect.output()).isZero();
        assertThat(view).isEqualTo(viewOf(JSON.readTree(inspect.output().substring(inspect.output().indexOf('{')))));
        assertThat(view.signerKeyIds()).as("signatures sorted by key id").isEqualTo(signers);
        assertThat(view.trustedSigners()).containsExactlyInAnyOrderElementsOf(signers);
        assertThat(view.payloads()).isNotEmpty();
    }

    /** The same view, made from {@code sup inspect --json --trust}: trusted signers are those it marks trusted. */
    private static SupView viewOf(JsonNode inspect) {
        JsonNode m = inspect.path("manifest");
        List<Target> targets = new ArrayList<>();
        m.path("targets").forEach(t -> targets.add(new Target(t.path("product").asText(), t.path("os").asText(),
                t.path("architecture").asText(), Optional.ofNullable(t.get("runtimeVersion")).map(JsonNode::asText))));
        List<String> types = new ArrayList<>();
        m.path("actions").forEach(a -> types.add(a.path("type").asText()));
        List<Payload> payloads = new ArrayList<>();
        m.path("payloads").forEach(p -> payloads.add(new Payload(p.path("path").asText(), p.path("size").asLong(),
                p.path("sha256").asText())));
        List<String> signers = new ArrayList<>();
        Set<String> trusted = new LinkedHashSet<>();
        inspect.path("signatures").forEach(s -> {
            signers.add(s.path("keyId").asText());
            if (s.path("status").asText().equals("trusted")) {
                trusted.add(s.path("keyId").asText());
            }
        });
        return new SupView(m.path("name").asText(), m.path("version").asText(), targets, types, payloads, signers,
                trusted);
    }

    /**
     * Tampered copies of signed samples, and what {@code sup verify} says of each with {@code
     * --trust} and with {@code --no-trust} ("" accepted; null: not worth asking, an earlier or
     * later step decides whatever the trust). The last ones are where the first version of
     * docs/format.md led a reader astray.
     */
    static Stream<Arguments> tamperings() {
        return Stream.of(
                Arguments.of("a payload byte flipped in place", "app-bundle", "HASH_MISMATCH", null),
                Arguments.of("a manifest byte flipped in place", "runtime-config", "BAD_SIGNATURE", ""),
                Arguments.of("signatures.json dropped", "runtime-config", "UNSIGNED", ""),
                Arguments.of("another key's signature under the trusted key id", "runtime-config", "BAD_SIGNATURE", ""),
                Arguments.of("another key's signature", "runtime-config", "UNTRUSTED_SIGNER", ""),
                Arguments.of("an unlisted payload entry", "runtime-config", "UNLISTED_ENTRY", null),
                Arguments.of("an entry named ../x", "runtime-config", "UNSAFE_ENTRY_NAME", null),
                Arguments.of("manifest.json not first", "runtime-config", "MANIFEST_NOT_FIRST", null),
                Arguments.of("a payload's CRC-32 fields wrong", "app-bundle", null, ""),
                Arguments.of("the manifest's CRC-32 fields wrong", "runtime-config", null, ""),
                Arguments.of("an unlisted entry outside payload/, signed by another key", "runtime-config",
                        "UNLISTED_ENTRY", null),
                Arguments.of("signatures.json third", "runtime-config", null, "UNLISTED_ENTRY"),
                Arguments.of("a colon in a payload name", "runtime-config", null, "UNSAFE_ENTRY_NAME"),
                Arguments.of("a payload name that is not UTF-8", "runtime-config", null, "UNSAFE_ENTRY_NAME"),
                Arguments.of("a directory entry", "runtime-config", null, "SPECIAL_ENTRY"),
                Arguments.of("a script before the archive", "runtime-config", null, "NOT_A_ZIP"),
                Arguments.of("a signature in unpadded base64", "runtime-config", null, "INVALID_SIGNATURES"),
                Arguments.of("a payload listed twice", "runtime-config", null, "DUPLICATE_ENTRY"),
                Arguments.of("no targets and no actions", "runtime-config", null, ""),
                Arguments.of("manifest.json in UTF-16 with a byte-order mark", "runtime-config", "INVALID_MANIFEST", null),
                Arguments.of("manifest.json with a UTF-8 byte-order mark", "runtime-config", "BAD_SIGNATURE", ""),
                Arguments.of("signatures.json in UTF-16 with a byte-order mark", "runtime-config", "INVALID_SIGNATURES",
                        null),
                Arguments.of("a second central entry sharing a payload's bytes", "runtime-config", "OVERLAPPING_ENTRIES",
                        null),
                Arguments.of("entries declaring more than 200 times the file's size", "runtime-config",
                        "COMPRESSION_RATIO", null),
                Arguments.of("a byte flipped in the second chunk of an indexed payload", INDEXED_PACKAGE,
                        "HASH_MISMATCH", null),
                Arguments.of("a chunk index listing a chunk too few, its manifest entry updated", INDEXED_PACKAGE,
                        null, "INVALID_MANIFEST"),
                Arguments.of("a chunk index naming another payload, its manifest entry updated", INDEXED_PACKAGE,
                        null, "INVALID_MANIFEST"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("tamperings")
    void reader_refusesATamperedCopyExactlyWhenVerifyDoes(String tampering, String label, String trusted,
            String untrusted) throws Exception {
        Path copy = tamper(tampering, PACKAGES.get(label));
        if (trusted != null) {
            assertThat(assertSameVerdict(copy, trust, NOW, "--trust", trustDir.toString()).reason()).isEqualTo(trusted);
        }
        if (untrusted != null) {
            assertThat(assertSameVerdict(copy, Trust.none(), NOW, "--no-trust").reason()).isEqualTo(untrusted);
        }
    }

    @Test
    void expiry_isAtOrBeforeTheInstant_forBothReaders() throws Exception {
        String expires = "2030-01-01T00:00:00Z";
        Path file = build("runtime-config-expiring", "runtime-config", ed25519, source -> {
            try {
                Files.writeString(source.resolve("sup.yaml"), "expires: \"" + expires + "\"\n",
                        StandardOpenOption.APPEND);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        for (Instant at : List.of(Instant.parse(expires).minusMillis(1), Instant.parse(expires))) {
            Verdict verdict = assertSameVerdict(file, trust, at, "--trust", trustDir.toString(), "--at", at.toString());
            assertThat(verdict.reason()).as("at " + at).isEqualTo(at.toString().equals(expires) ? "EXPIRED" : "");
        }
    }

    /** What a verifier said: the exit code of {@code sup verify} and the reason (empty when accepted). */
    private record Verdict(int exit, String reason) {

        static Verdict of(Rejection.Reason reason) {
            return switch (reason) {
                case UNSIGNED, UNTRUSTED_SIGNER, THRESHOLD_NOT_MET -> new Verdict(3, reason.name());
                case EXPIRED -> new Verdict(4, reason.name());
                default -> new Verdict(1, reason.name());
            };
        }
    }

    private static Verdict assertSameVerdict(Path file, Trust readerTrust, Instant at, String... verifyOptions)
            throws Exception {
        List<String> args = new ArrayList<>(List.of("verify", file.toString(), "--json"));
        args.addAll(Arrays.asList(verifyOptions));
        Result verify = sup(args.toArray(String[]::new));
        JsonNode json = JSON.readTree(verify.output().substring(verify.output().indexOf('{')));
        Verdict sup = new Verdict(verify.exit(), json.path("reason").asText(""));
        Verdict reader = new Verdict(0, "");
        String readerMessage = "accepted";
        try {
            SpecReader.read(file, readerTrust, at);
        } catch (Rejection e) {
            reader = Verdict.of(e.reason());
            readerMessage = e.getMessage();
        }
        assertThat(reader).as("%s%nreader: %s", verify.output(), readerMessage).isEqualTo(sup);
        return sup;
    }

    private static Path tamper(String tampering, Path original) throws Exception {
        Path copy = work.resolve("tampered/" + tampering.replaceAll("[^A-Za-z0-9]+", "-") + ".sup");
        Files.createDirectories(copy.getParent());
        Map<String, byte[]> entries = entries(original);
        switch (tampering) {
            case "a byte flipped in the second chunk of an indexed payload" -> entries.get(LARGE_IMAGE)[CHUNK_SIZE + 10] ^= 1;
            case "a chunk index listing a chunk too few, its manifest entry updated" ->
                    replaceIndex(entries, index -> ((ArrayNode) index.path("sha256")).remove(2));
            case "a chunk index naming another payload, its manifest entry updated" ->
                    replaceIndex(entries, index -> ((ObjectNode) index).put("payload", "payload/logging.properties"));
            case "a payload byte flipped in place" -> {
                byte[] payload = entries.get("payload/hello-app.zip");
                byte[] bytes = Files.readAllBytes(original);
                int at = indexOf(bytes, Arrays.copyOf(payload, 64)) + payload.length / 2;
                bytes[at] ^= 1;
                return Files.write(copy, bytes);
            }
            case "a manifest byte flipped in place" -> {
                byte[] bytes = Files.readAllBytes(original);
                bytes[indexOf(bytes, "HTTP port".getBytes(StandardCharsets.UTF_8))] ^= 0x20;
                return Files.write(copy, bytes);
            }
            case "a payload's CRC-32 fields wrong" -> {
                return Files.write(copy, wrongCrc(Files.readAllBytes(original), "payload/hello-app.zip"));
            }
            case "the manifest's CRC-32 fields wrong" -> {
                return Files.write(copy, wrongCrc(Files.readAllBytes(original), "manifest.json"));
            }
            case "signatures.json dropped" -> entries.remove("signatures.json");
            case "another key's signature under the trusted key id" -> {
                String theirs = signature(strangersSignatures());
                String ours = signature(entries.get("signatures.json"));
                entries.put("signatures.json", new String(entries.get("signatures.json"), StandardCharsets.UTF_8)
                        .replace(ours, theirs).getBytes(StandardCharsets.UTF_8));
            }
            case "another key's signature" -> entries.put("signatures.json", strangersSignatures());
            case "an unlisted payload entry" ->
                    entries.put("payload/extra.txt", "extra\n".getBytes(StandardCharsets.UTF_8));
            case "an entry named ../x" -> entries.put("../x", "x\n".getBytes(StandardCharsets.UTF_8));
            case "manifest.json not first" -> {
                byte[] manifest = entries.remove("manifest.json");
                entries.put("manifest.json", manifest);
            }
            case "an unlisted entry outside payload/, signed by another key" -> {
                entries.put("signatures.json", strangersSignatures());
                entries.put("notes.txt", "notes\n".getBytes(StandardCharsets.UTF_8));
            }
            case "signatures.json third" -> entries.put("signatures.json", entries.remove("signatures.json"));
            case "a colon in a payload name" -> {
                entries.put("payload/a:b.properties", entries.remove("payload/logging.properties"));
                editManifest(entries,
                        m -> ((ObjectNode) m.path("payloads").path(0)).put("path", "payload/a:b.properties"));
            }
            case "a payload name that is not UTF-8" -> {
                // Latin-1 'é' (0xE9) where UTF-8 needs two bytes: patched into both headers after writing.
                entries.put("payload/caf~.txt", "x\n".getBytes(StandardCharsets.UTF_8));
                byte[] bytes = Files.readAllBytes(write(copy, entries));
                byte[] placeholder = "payload/caf~".getBytes(StandardCharsets.UTF_8);
                int patched = 0;
                for (int at = indexOf(bytes, placeholder, 0); at >= 0; at = indexOf(bytes, placeholder, at + 1)) {
                    bytes[at + placeholder.length - 1] = (byte) 0xE9;
                    patched++;
                }
                assertThat(patched).as("the local and the central header").isEqualTo(2);
                return Files.write(copy, bytes);
            }
            case "a directory entry" -> entries.put("payload/conf/", new byte[0]);
            case "a script before the archive" -> {
                byte[] bytes = Files.readAllBytes(original);
                Files.writeString(copy, "#!/bin/sh\n");
                Files.write(copy, bytes, StandardOpenOption.APPEND);
                return copy;
            }
            case "a signature in unpadded base64" -> {
                String json = new String(entries.get("signatures.json"), StandardCharsets.UTF_8);
                entries.put("signatures.json", json.replace("==\"", "\"").getBytes(StandardCharsets.UTF_8));
            }
            case "a payload listed twice" ->
                    editManifest(entries, m -> ((ArrayNode) m.path("payloads")).add(m.path("payloads").get(0)));
            case "no targets and no actions" -> {
                entries.remove("payload/logging.properties");
                editManifest(entries, m -> ((ObjectNode) m).remove(List.of("targets", "actions", "payloads")));
            }
            case "manifest.json in UTF-16 with a byte-order mark" -> entries.put("manifest.json",
                    utf16WithMark(entries.get("manifest.json")));
            case "manifest.json with a UTF-8 byte-order mark" -> {
                byte[] manifest = entries.get("manifest.json");
                byte[] marked = new byte[manifest.length + 3];
                marked[0] = (byte) 0xEF;
                marked[1] = (byte) 0xBB;
                marked[2] = (byte) 0xBF;
                System.arraycopy(manifest, 0, marked, 3, manifest.length);
                entries.put("manifest.json", marked);
            }
            case "signatures.json in UTF-16 with a byte-order mark" -> entries.put("signatures.json",
                    utf16WithMark(entries.get("signatures.json")));
            case "a second central entry sharing a payload's bytes" -> {
                return Files.write(copy, aliasCentralEntry(Files.readAllBytes(write(copy, entries)),
                        "payload/logging.properties", "payload/logging.propertiez"));
            }
            case "entries declaring more than 200 times the file's size" -> {
                // Each 1 MiB of zeros is within the ratio limit alone (it applies above 1 MiB); not all together.
                for (int i = 0; i < 10; i++) {
                    entries.put("payload/zeros-" + i, new byte[1 << 20]);
                }
                return write(copy, entries, ZipEntry.DEFLATED);
            }
            default -> throw new IllegalArgumentException(tampering);
        }
        return write(copy, entries);
    }

    /** Edits the chunk index of the large image, and its size and SHA-256 in the manifest to match. */
    private static void replaceIndex(Map<String, byte[]> entries, Consumer<JsonNode> edit) throws IOException {
        JsonNode index = JSON.readTree(entries.get(LARGE_IMAGE_INDEX));
        edit.accept(index);
        byte[] bytes = JSON.writeValueAsBytes(index);
        entries.put(LARGE_IMAGE_INDEX, bytes);
        String sha256 = HexFormat.of().formatHex(sha256(bytes));
        editManifest(entries, manifest -> manifest.path("payloads").forEach(payload -> {
            if (payload.path("path").asText().equals(LARGE_IMAGE_INDEX)) {
                ((ObjectNode) payload).put("size", bytes.length).put("sha256", sha256);
            }
        }));
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The same text in UTF-16LE, after a UTF-16 byte-order mark. */
    private static byte[] utf16WithMark(byte[] utf8) {
        return ("\uFEFF" + new String(utf8, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_16LE);
    }

    private static void editManifest(Map<String, byte[]> entries, Consumer<JsonNode> edit) throws IOException {
        JsonNode manifest = JSON.readTree(entries.get("manifest.json"));
        edit.accept(manifest);
        entries.put("manifest.json", JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(manifest));
    }

    private static byte[] strangersSignatures() throws IOException {
        return entries(PACKAGES.get(STRANGERS_PACKAGE)).get("signatures.json");
    }

    /** The first signature value in a signatures.json. */
    private static String signature(byte[] signaturesJson) throws IOException {
        return JSON.readTree(signaturesJson).path("signatures").path(0).path("signature").asText();
    }

    /** Every entry's name and content, in archive order, read with java.util.zip. */
    private static Map<String, byte[]> entries(Path sup) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipFile zip = new ZipFile(sup.toFile())) {
            for (ZipEntry e : zip.stream().toList()) {
                entries.put(e.getName(), zip.getInputStream(e).readAllBytes());
            }
        }
        return entries;
    }

    /** A ZIP of these entries, all STORED: another layout than sup's, which a reader must not depend on. */
    private static Path write(Path file, Map<String, byte[]> entries) throws IOException {
        return write(file, entries, ZipEntry.STORED);
    }

    /** A ZIP of these entries, with the JDK's writer: DEFLATED entries have data descriptors. */
    private static Path write(Path file, Map<String, byte[]> entries, int method) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                ZipEntry entry = new ZipEntry(e.getKey());
                entry.setMethod(method);
                if (method == ZipEntry.STORED) {
                    CRC32 crc = new CRC32();
                    crc.update(e.getValue());
                    entry.setSize(e.getValue().length);
                    entry.setCompressedSize(e.getValue().length);
                    entry.setCrc(crc.getValue());
                }
                zip.putNextEntry(entry);
                zip.write(e.getValue());
                zip.closeEntry();
            }
        }
        return Files.write(file, out.toByteArray());
    }

    /**
     * The archive with one more central directory entry, named {@code alias} (as long as {@code
     * entry} in UTF-8), that points at {@code entry}'s local header: two names for the same bytes.
     * The archive must have no comment.
     */
    private static byte[] aliasCentralEntry(byte[] zip, String entry, String alias) {
        byte[] name = entry.getBytes(StandardCharsets.UTF_8);
        byte[] aliasName = alias.getBytes(StandardCharsets.UTF_8);
        assertThat(aliasName).hasSameSizeAs(name);
        java.nio.ByteBuffer bytes = java.nio.ByteBuffer.wrap(zip).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        int end = zip.length - 22;
        assertThat(bytes.getInt(end)).as("end record without a comment").isEqualTo(0x06054b50);
        for (int at = bytes.getInt(end + 16); bytes.getInt(at) == 0x02014b50; ) {
            int length = 46 + Short.toUnsignedInt(bytes.getShort(at + 28)) + Short.toUnsignedInt(bytes.getShort(at + 30))
                    + Short.toUnsignedInt(bytes.getShort(at + 32));
            if (Arrays.equals(Arrays.copyOfRange(zip, at + 46, at + 46 + name.length), name)) {
                byte[] copy = Arrays.copyOfRange(zip, at, at + length);
                System.arraycopy(aliasName, 0, copy, 46, aliasName.length);
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                out.write(zip, 0, at + length);
                out.writeBytes(copy);
                out.write(zip, at + length, zip.length - at - length);
                java.nio.ByteBuffer patched = java.nio.ByteBuffer.wrap(out.toByteArray())
                        .order(java.nio.ByteOrder.LITTLE_ENDIAN);
                int newEnd = patched.capacity() - 22;
                patched.putShort(newEnd + 8, (short) (patched.getShort(newEnd + 8) + 1));
                patched.putShort(newEnd + 10, (short) (patched.getShort(newEnd + 10) + 1));
                patched.putInt(newEnd + 12, patched.getInt(newEnd + 12) + length);
                return patched.array();
            }
            at += length;
        }
        throw new IllegalArgumentException("no central entry " + entry);
    }

    /** The archive with one bit of the CRC-32 flipped in the entry's local and central headers, its data intact. */
    private static byte[] wrongCrc(byte[] zip, String entry) {
        byte[] name = entry.getBytes(StandardCharsets.UTF_8);
        int patched = 0;
        for (int i = indexOf(zip, name, 0); i >= 0; i = indexOf(zip, name, i + 1)) {
            if (i >= 30 && zip[i - 30] == 'P' && zip[i - 29] == 'K' && zip[i - 28] == 3 && zip[i - 27] == 4) {
                zip[i - 30 + 14] ^= 1;
                patched++;
            } else if (i >= 46 && zip[i - 46] == 'P' && zip[i - 45] == 'K' && zip[i - 44] == 1 && zip[i - 43] == 2) {
                zip[i - 46 + 16] ^= 1;
                patched++;
            }
        }
        assertThat(patched).as("headers of " + entry).isEqualTo(2);
        return zip;
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        int at = indexOf(haystack, needle, 0);
        if (at < 0) {
            throw new IllegalArgumentException("not found");
        }
        return at;
    }

    private static int indexOf(byte[] haystack, byte[] needle, int from) {
        outer:
        for (int i = from; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
