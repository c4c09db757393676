package org.suptools.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.suptools.e2e.Launchers.ROOT;
import static org.suptools.e2e.Launchers.installer;
import static org.suptools.e2e.Launchers.runtimeStatus;
import static org.suptools.e2e.Launchers.sup;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.suptools.e2e.Launchers.Keys;
import org.suptools.e2e.Launchers.Result;

/**
 * Packages signed by a trusted key that try to reach outside the allowed roots through links they
 * make themselves, after the plan has checked their paths: the chain of issue 9,
 * {@code d1/d2/d3/d4/b -> ../../../..} and {@code d1/d2/d3/d4/c -> b/../../../../..}, in a tar,
 * a zip and a firmware tree, and made by a {@code command.run} before every kind of file action
 * goes through it. Built with the real {@code bin/sup}, installed with the real
 * {@code bin/sup-installer} on one sandbox gateway, five levels below a canary directory that
 * {@code c} leads to. After each install: exit 1 (rolled back), the canary byte for byte and mode
 * for mode as it was, the runtime home as before, and no link in it that resolves outside.
 */
class ConfinementIT {

    /** How deep the sandbox is: {@code apps/..} five times is {@code work}, where the canary is. */
    private static final String GATEWAY = "x/y/gw";
    private static final String THROUGH = "apps/d1/d2/d3/d4/c/canary/";
    private static final String CHAIN = "leads outside the allowed roots through the link apps/d1/d2/d3/d4/c -> "
            + "b/../../../../..";

    @TempDir
    static Path work;

    static Keys keys;
    static Path home;
    static Path config;
    static Path canary;
    static Map<String, String> canaryAsMade;

    Map<String, String> homeBefore;

    @BeforeAll
    static void sandboxBelowACanary() throws Exception {
        Launchers.seeFreshJars();
        keys = Launchers.keygen(work.resolve("keys/e2e"));
        home = Launchers.sandbox(work.resolve(GATEWAY), keys.publicKey());
        config = work.resolve(GATEWAY).resolve("gateway.yaml");
        canary = Files.createDirectories(work.resolve("canary"));
        Files.writeString(canary.resolve("victim.txt"), "the canary\n");
        Files.setPosixFilePermissions(canary.resolve("victim.txt"), PosixFilePermissions.fromString("rw-r-----"));
        Files.writeString(canary.resolve("victim.properties"), "port=1\n");
        Files.setPosixFilePermissions(Files.createDirectories(canary.resolve("sub")),
                PosixFilePermissions.fromString("rwxr-x---"));
        Files.writeString(canary.resolve("sub/deep.txt"), "deeper\n");
        canaryAsMade = Trees.snapshot(canary);
        assertThat(home.resolve("apps/../../../../..").normalize()).as("c leads to the canary's directory")
                .isEqualTo(work);
    }

    @AfterAll
    static void stopRuntime() throws Exception {
        Launchers.stopRuntime(home);
    }

    @BeforeEach
    void homeAsItIs() throws IOException {
        homeBefore = Trees.snapshot(home);
    }

    @Test
    void tarHoldingTheChain_isRolledBackBeforeTheCopyThroughIt() throws Exception {
        Path spec = spec("tar-chain", """
                  - id: unpack
                    type: archive.extract
                    source: chain.tar.gz
                    destination: apps
                  - id: copy
                    type: file.copy
                    source: evil.txt
                    destination: %sx
                """.formatted(THROUGH));
        Files.write(spec.resolve("payload/chain.tar.gz"), tarGz(false));

        JsonNode confirmation = installRolledBack(spec, "M-CONFINE-TAR");

        assertThat(status(confirmation, 1)).isEqualTo("failed");
        assertThat(message(confirmation, 1)).contains("archive entry 'd1/d2/d3/d4/c' is a link to 'b/../../../../..'");
        assertThat(status(confirmation, 2)).isEqualTo("not-run");
    }

    @Test
    void zipHoldingTheChain_isRolledBack() throws Exception {
        Path spec = spec("zip-chain", """
                  - id: unpack
                    type: archive.extract
                    source: chain.zip
                    destination: apps
                """);
        Files.write(spec.resolve("payload/chain.zip"), zip());

        JsonNode confirmation = installRolledBack(spec, "M-CONFINE-ZIP");

        assertThat(message(confirmation, 1)).contains("archive entry 'd1/d2/d3/d4/c' is a link to 'b/../../../../..'");
    }

    @Test
    void firmwareTreeHoldingTheChain_isRolledBackAndTheRuntimeKeepsRunning() throws Exception {
        Path spec = spec("firmware-chain", """
                  - id: firmware
                    type: firmware.update
                    source: runtime.tar.gz
                    directory: apps/runtime
                """);
        Files.write(spec.resolve("payload/runtime.tar.gz"), tarGz(true));

        JsonNode confirmation = installRolledBack(spec, "M-CONFINE-FW");

        assertThat(message(confirmation, 1)).contains("archive entry 'd1/d2/d3/d4/c' is a link to 'b/../../../../..'");
        assertThat(runtimeStatus(home)).as("the runtime was never stopped: the tree was refused first").isZero();
    }

    @Test
    void everyFileAction_throughAChainACommandMade_failsWhereItWrites() throws Exception {
        Path spec = spec("command-chain", """
                  - id: make-links
                    type: command.run
                    description: the chain, made after the plan has checked every path
                    command: ["/bin/sh", "-c", "mkdir -p apps/d1/d2/d3/d4 && ln -s ../../../.. apps/d1/d2/d3/d4/b && ln -s b/../../../../.. apps/d1/d2/d3/d4/c"]
                    undo: ["rm", "-rf", "apps/d1"]
                  - id: copy-new
                    type: file.copy
                    onError: continue
                    source: evil.txt
                    destination: %1$sx
                    mode: "0777"
                  - id: copy-over
                    type: file.copy
                    onError: continue
                    source: evil.txt
                    destination: %1$svictim.txt
                  - id: chmod
                    type: dir.create
                    onError: continue
                    path: %1$ssub
                    mode: "0777"
                  - id: delete
                    type: file.delete
                    onError: continue
                    path: %1$svictim.txt
                  - id: delete-tree
                    type: file.delete
                    onError: continue
                    path: %1$ssub
                    recursive: true
                  - id: properties
                    type: properties.set
                    onError: continue
                    file: %1$svictim.properties
                    set:
                      port: "2"
                  - id: certificate
                    type: certificate.install
                    onError: continue
                    source: gateway-ca.pem
                    destination: %1$svictim.txt
                  - id: license
                    type: license.install
                    onError: continue
                    source: evil.txt
                    destination: %1$sapp.lic
                  - id: extract-into
                    type: archive.extract
                    onError: continue
                    source: plain.tar.gz
                    destination: %1$ssub
                  - id: link-through
                    type: archive.extract
                    onError: continue
                    source: via.tar.gz
                    destination: apps
                  - id: fail
                    type: command.run
                    description: fails, so that everything is rolled back
                    command: ["/bin/sh", "-c", "exit 3"]
                """.formatted(THROUGH));
        Files.copy(ROOT.resolve("sample-packages/packages/cert-rotation/payload/gateway-ca.pem"),
                spec.resolve("payload/gateway-ca.pem"));
        Files.write(spec.resolve("payload/plain.tar.gz"), tarGz(Map.of("victim.txt", "evil\n", "deep.txt", "evil\n")));
        Files.write(spec.resolve("payload/via.tar.gz"), tarGz(Map.of("via", "-> d1/d2/d3/d4/c/canary")));
        Files.createDirectories(home.resolve("apps"));
        homeBefore = Trees.snapshot(home);

        JsonNode confirmation = installRolledBack(spec, "M-CONFINE-CMD");

        assertThat(status(confirmation, 1)).isEqualTo("rolled-back");
        for (int index = 2; index <= 10; index++) {
            assertThat(status(confirmation, index)).as("action %d", index).isEqualTo("failed");
            assertThat(message(confirmation, index)).as("action %d", index).contains(CHAIN);
        }
        assertThat(message(confirmation, 2)).startsWith(THROUGH + "x " + CHAIN);
        assertThat(message(confirmation, 11)).isEqualTo("apps/via is a link to 'd1/d2/d3/d4/c/canary' that leads "
                + "outside apps through the link d1/d2/d3/d4/c -> b/../../../../..");
        assertThat(home.resolve("apps/d1")).as("the command's undo removed the chain").doesNotExist();
    }

    /** Builds and installs a spec; checks that it was rolled back and that nothing outside changed. */
    private JsonNode installRolledBack(Path spec, String mailbox) throws Exception {
        Path sup = work.resolve(spec.getFileName() + ".sup");
        Result build = sup("build", spec.toString(), "-o", sup.toString(), "--key", keys.privateKey().toString());
        assertThat(build.exit()).as(build.output()).isZero();

        Result install = installer("install", sup.toString(), "--config", config.toString(), "--mailbox-id", mailbox);

        assertThat(install.exit()).as("1: failed and rolled back\n" + install.output()).isEqualTo(1);
        assertThat(Trees.snapshot(canary)).as("the canary, byte for byte and mode for mode").isEqualTo(canaryAsMade);
        assertThat(linksLeadingOutside(home)).as("links in the runtime home that resolve outside it").isEmpty();
        assertThat(Trees.snapshot(home)).as("the runtime home as before").isEqualTo(homeBefore);
        InstallReport report = InstallReport.of(home);
        assertThat(report.confirmation().path("status").asText()).isEqualTo("rolled-back");
        assertThat(report.confirmation().path("errorCode").asInt()).isEqualTo(InstallReport.ACTION_FAILED);
        assertThat(report.ack().path("errorCode").asInt()).isEqualTo(InstallReport.ACTION_FAILED);
        return report.confirmation();
    }

    private static String status(JsonNode confirmation, int index) {
        return confirmation.path("actions").get(index - 1).path("status").asText();
    }

    private static String message(JsonNode confirmation, int index) {
        return confirmation.path("actions").get(index - 1).path("message").asText();
    }

    /** A spec directory: a package header, the given actions, and a small payload file every spec may use. */
    private static Path spec(String name, String actions) throws IOException {
        Path spec = Files.createDirectories(work.resolve("specs").resolve(name).resolve("payload"));
        Files.writeString(spec.resolve("evil.txt"), "written outside\n");
        Files.writeString(spec.getParent().resolve("sup.yaml"), """
                name: hostile-%s
                version: 1.0.0
                description: tries to reach outside the allowed roots through links of its own
                vendor: E2E
                targets:
                  - product: dw-gateway
                    os: linux
                    architecture: "*"
                failurePolicy: rollback
                actions:
                """.formatted(name) + actions, StandardCharsets.UTF_8);
        return spec.getParent();
    }

    /** The chain as a tar.gz, with a file beside it; for a firmware tree, with the files a runtime tree has too. */
    private static byte[] tarGz(boolean firmware) throws IOException {
        Map<String, String> entries = new java.util.LinkedHashMap<>();
        if (firmware) {
            entries.put("VERSION", "9.9.9\n");
        }
        entries.put("d1/d2/d3/d4/", "");
        entries.put("d1/d2/d3/d4/b", "-> ../../../..");
        entries.put("d1/d2/d3/d4/c", "-> b/../../../../..");
        entries.put("d1/readme.txt", "a file beside the links\n");
        return tarGz(entries);
    }

    /** Names ending in {@code /} are directories; a value {@code -> target} is a symbolic link. */
    private static byte[] tarGz(Map<String, String> entries) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new GzipCompressorOutputStream(bytes))) {
            for (Map.Entry<String, String> e : entries.entrySet()) {
                TarArchiveEntry entry;
                byte[] content = new byte[0];
                if (e.getKey().endsWith("/")) {
                    entry = new TarArchiveEntry(e.getKey());
                } else if (e.getValue().startsWith("-> ")) {
                    entry = new TarArchiveEntry(e.getKey(), TarArchiveEntry.LF_SYMLINK);
                    entry.setLinkName(e.getValue().substring(3));
                } else {
                    entry = new TarArchiveEntry(e.getKey());
                    content = e.getValue().getBytes(StandardCharsets.UTF_8);
                    entry.setSize(content.length);
                }
                tar.putArchiveEntry(entry);
                tar.write(content);
                tar.closeArchiveEntry();
            }
        }
        return bytes.toByteArray();
    }

    /** The chain as a zip with unix symbolic links (mode 0120777, the target as the content). */
    private static byte[] zip() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipArchiveOutputStream zip = new ZipArchiveOutputStream(bytes)) {
            ZipArchiveEntry dir = new ZipArchiveEntry("d1/d2/d3/d4/");
            dir.setUnixMode(040755);
            zip.putArchiveEntry(dir);
            zip.closeArchiveEntry();
            for (String[] link : List.of(new String[] {"b", "../../../.."}, new String[] {"c", "b/../../../../.."})) {
                ZipArchiveEntry entry = new ZipArchiveEntry("d1/d2/d3/d4/" + link[0]);
                entry.setUnixMode(0120777);
                zip.putArchiveEntry(entry);
                zip.write(link[1].getBytes(StandardCharsets.UTF_8));
                zip.closeArchiveEntry();
            }
        }
        return bytes.toByteArray();
    }

    /** Every link under {@code root} whose real resolution (or, dangling, where it would be) is outside it. */
    private static List<String> linksLeadingOutside(Path root) throws IOException {
        Path realRoot = root.toRealPath();
        List<String> outside = new ArrayList<>();
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.filter(Files::isSymbolicLink).toList()) {
                Path resolved;
                try {
                    resolved = p.toRealPath();
                } catch (NoSuchFileException e) {
                    resolved = p.getParent().toRealPath().resolve(Files.readSymbolicLink(p)).normalize();
                }
                if (!resolved.startsWith(realRoot)) {
                    outside.add(root.relativize(p) + " -> " + Files.readSymbolicLink(p) + " (" + resolved + ")");
                }
            }
        }
        assertThat(Files.exists(root, LinkOption.NOFOLLOW_LINKS)).isTrue();
        return outside;
    }
}
