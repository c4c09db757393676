package org.suptools.installer.install;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.suptools.installer.api.ExitCode;
import org.suptools.installer.api.InstallError;
import org.suptools.installer.api.InstallStatus;
import org.suptools.installer.api.report.Confirmation;
import org.suptools.installer.state.Inventory;
import org.suptools.installer.testing.FakeRuntime;
import org.suptools.installer.testing.SupRewriter;
import org.suptools.installer.testing.TarBytes;
import org.suptools.installer.testing.TestGateway;
import org.suptools.installer.testing.TestPackages;
import org.suptools.installer.testing.TreeSnapshot;
import org.suptools.installer.testing.ZipBytes;

/** Every way a package is refused before any change: the runtime home stays the same, byte for byte. */
class InstallRefusalsTest {

    @TempDir
    Path dir;

    /** Builds the package to refuse (and may prepare the gateway) before the snapshot is taken. */
    @FunctionalInterface
    interface Scenario {
        Path prepare(Path dir, TestGateway gateway) throws Exception;
    }

    static final String COPY = """
            actions:
              - id: config
                type: file.copy
                source: app.conf
                destination: conf/app.conf
            """;

    static Map<String, Object> appConf() {
        return Map.of("app.conf", "new\n");
    }

    static Stream<Arguments> refusals() {
        return Stream.of(
                Arguments.of("unsigned", "the package is not signed", InstallError.UNTRUSTED, (Scenario) (d, g) -> TestPackages.build(
                        d.resolve("p.sup"), TestPackages.header("p", "1.0.0") + COPY, appConf(), List.of())),
                Arguments.of("signed by an untrusted key", "none of which is in the trust store", InstallError.UNTRUSTED, (Scenario) (d, g) -> TestPackages.build(
                        d.resolve("p.sup"), TestPackages.header("p", "1.0.0") + COPY, appConf(),
                        List.of(TestPackages.STRANGER.getPrivate()))),
                Arguments.of("payload tampered with", "app.conf", InstallError.VERIFICATION_FAILED, (Scenario) (d, g) -> {
                    Path sup = TestPackages.signed(d.resolve("p.sup"), TestPackages.header("p", "1.0.0") + COPY,
                            Map.of("app.conf", "PAYLOAD-CONTENT-0123456789\n"));
                    byte[] bytes = Files.readAllBytes(sup);
                    String text = new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1);
                    bytes[text.indexOf("PAYLOAD-CONTENT") + 3] = 'X';
                    Files.write(sup, bytes);
                    return sup;
                }),
                Arguments.of("not a package at all", "not a ZIP archive", InstallError.VERIFICATION_FAILED, (Scenario) (d, g) ->
                        Files.writeString(d.resolve("p.sup"), "just text")),
                Arguments.of("missing package file", "no such package file", InstallError.PACKAGE_NOT_FOUND, (Scenario) (d, g) ->
                        d.resolve("missing.sup")),
                Arguments.of("expired", "expired at 2020-01-01T00:00:00Z", InstallError.EXPIRED, (Scenario) (d, g) -> TestPackages.signed(d.resolve("p.sup"),
                        TestPackages.header("p", "1.0.0") + "expires: 2020-01-01T00:00:00Z\n" + COPY, appConf())),
                Arguments.of("another product", "the package is for other/linux/x86_64, not for this gateway", InstallError.TARGET_MISMATCH, (Scenario) (d, g) -> TestPackages.signed(
                        d.resolve("p.sup"), "name: p\nversion: 1.0.0\ntargets:\n  - product: other\n    os: linux\n"
                                + "    architecture: x86_64\n" + COPY, appConf())),
                Arguments.of("another runtime version", "runtime >=2.0.0", InstallError.TARGET_MISMATCH, (Scenario) (d, g) ->
                        TestPackages.signed(d.resolve("p.sup"), "name: p\nversion: 1.0.0\ntargets:\n  - product: dw-gateway\n"
                                + "    os: linux\n    architecture: x86_64\n    runtimeVersion: \">=2.0.0\"\n" + COPY,
                                appConf())),
                Arguments.of("requirement not installed", "requires[0]: needs acme-base >=1.0.0, which is not installed", InstallError.REQUIREMENT_NOT_MET, (Scenario) (d, g) ->
                        TestPackages.signed(d.resolve("p.sup"), TestPackages.header("p", "1.0.0")
                                + "requires:\n  - name: acme-base\n    version: \">=1.0.0\"\n" + COPY, appConf())),
                Arguments.of("downgrade", "p 2.0.0 is installed; 1.0.0 would be a downgrade", InstallError.DOWNGRADE, (Scenario) (d, g) -> {
                    Path newer = TestPackages.signed(d.resolve("p2.sup"), TestPackages.header("p", "2.0.0") + COPY,
                            appConf());
                    assertThat(g.install(newer).exitCode()).isEqualTo(ExitCode.SUCCEEDED);
                    return TestPackages.signed(d.resolve("p1.sup"), TestPackages.header("p", "1.0.0") + COPY, appConf());
                }),
                Arguments.of("absolute path outside the allowed roots", "actions[1].destination:", InstallError.PLAN_REFUSED, (Scenario) (d, g) ->
                        TestPackages.signed(d.resolve("p.sup"), TestPackages.header("p", "1.0.0") + COPY
                                + "  - id: evil\n    type: file.copy\n    source: app.conf\n    destination: "
                                + d.resolve("outside/x.conf") + "\n", appConf())),
                Arguments.of("escape through a symbolic link", "actions[1].destination: escape/x.conf leads outside the allowed roots through the link escape -> ../../outside", InstallError.PLAN_REFUSED, (Scenario) (d, g) -> {
                    Files.createDirectories(d.resolve("outside"));
                    Files.createSymbolicLink(g.home().resolve("escape"), Path.of("../../outside"));
                    return TestPackages.signed(d.resolve("p.sup"), TestPackages.header("p", "1.0.0") + COPY
                            + "  - id: evil\n    type: file.copy\n    source: app.conf\n    destination: escape/x.conf\n",
                            appConf());
                }),
                Arguments.of("a link at the end pointing outside", "actions[1].file: conf/linked.properties leads outside the allowed roots through the link conf/linked.properties -> ", InstallError.PLAN_REFUSED, (Scenario) (d, g) -> {
                    Files.writeString(d.resolve("secret.properties"), "a=1\n");
                    Files.createSymbolicLink(g.home().resolve("conf/linked.properties"), d.resolve("secret.properties"));
                    return TestPackages.signed(d.resolve("p.sup"), TestPackages.header("p", "1.0.0") + COPY
                            + "  - id: evil\n    type: properties.set\n    file: conf/linked.properties\n"
                            + "    set:\n      a: \"2\"\n", appConf());
                }),
                Arguments.of("the installer's own confirmation.json", "actions[1].destination: 'logs/confirmation.json' is one of the installer's own report files", InstallError.PLAN_REFUSED, (Scenario) (d, g) ->
                        TestPackages.signed(d.resolve("p.sup"), TestPackages.header("p", "1.0.0") + COPY
                                + "  - id: evil\n    type: file.copy\n    source: app.conf\n"
                                + "    destination: logs/confirmation.json\n", appConf())),
                Arguments.of("deleting the runtime home itself", "actions[1].path: '.' is an allowed root itself", InstallError.PLAN_REFUSED, (Scenario) (d, g) ->
                        TestPackages.signed(d.resolve("p.sup"), TestPackages.header("p", "1.0.0") + COPY
                                + "  - id: evil\n    type: file.delete\n    path: .\n    recursive: true\n", appConf())),
                Arguments.of("a certificate that is not one", "actions[1].source: payload 'gateway.pem' is not a valid X.509 certificate", InstallError.PLAN_REFUSED, (Scenario) (d, g) ->
                        TestPackages.signed(d.resolve("p.sup"), TestPackages.header("p", "1.0.0") + COPY
                                + "  - id: cert\n    type: certificate.install\n    source: gateway.pem\n"
                                + "    destination: certs/gateway.pem\n",
                                Map.of("app.conf", "new\n", "gateway.pem", "-----BEGIN CERTIFICATE-----\nnope\n"
                                        + "-----END CERTIFICATE-----\n"))),
                Arguments.of("not enough free space", "not enough free space for ", InstallError.PLAN_REFUSED, (Scenario) (d, g) -> {
                    Files.writeString(g.configFile(), Files.readString(g.configFile()) + "minFreeSpace: 1000TiB\n");
                    return TestPackages.signed(d.resolve("p.sup"), TestPackages.header("p", "1.0.0") + COPY, appConf());
                }),
                Arguments.of("a zip whose local headers hide a 400 MiB entry", "actions[1].source: payload 'hidden.zip': "
                        + "archive entry 'a.txt' has another CRC-32 or size in its local header than in the central "
                        + "directory", InstallError.PLAN_REFUSED, (Scenario) (d, g) -> {
                    allowOnly200MiB(g);
                    // a.txt's local header claims big.bin's bytes as its own: a reader of the local headers never sees big.bin.
                    ZipBytes zip = new ZipBytes().stored("a.txt", "a\n".getBytes(StandardCharsets.UTF_8))
                            .deflatedZeros("big.bin", 400L << 20);
                    zip.change(0, e -> e.withLocalSizeDelta(zip.entry(1).localLength()));
                    return TestPackages.signed(d.resolve("p.sup"), TestPackages.header("p", "1.0.0") + COPY
                            + extract("hidden.zip"), Map.of("app.conf", "new\n", "hidden.zip", zip.zip()));
                }),
                Arguments.of("a GNU sparse tar of a few KB that unpacks to 400 MiB", "actions[1].source: payload "
                        + "'sparse.tar': archive entry 'disk.img' is a sparse file", InstallError.PLAN_REFUSED,
                        (Scenario) (d, g) -> {
                    allowOnly200MiB(g);
                    byte[] tar = new TarBytes().oldGnuSparse("disk.img", "end\n".getBytes(StandardCharsets.UTF_8),
                            400L << 20).tar();
                    return TestPackages.signed(d.resolve("p.sup"), TestPackages.header("p", "1.0.0") + COPY
                            + extract("sparse.tar"), Map.of("app.conf", "new\n", "sparse.tar", tar));
                }),
                Arguments.of("a zip that unpacks to 400 MiB where 200 MiB may be written", "not enough free space for ",
                        InstallError.PLAN_REFUSED, (Scenario) (d, g) -> {
                    allowOnly200MiB(g);
                    byte[] zip = new ZipBytes().deflatedZeros("big.bin", 400L << 20).zip();
                    return TestPackages.signed(d.resolve("p.sup"), TestPackages.header("p", "1.0.0") + COPY
                            + extract("zeros.zip"), Map.of("app.conf", "new\n", "zeros.zip", zip));
                }),
                Arguments.of("a tar holding a FIFO", "actions[1].source: payload 'bundle.tar': archive entry "
                        + "'run/control' is a FIFO; devices and FIFOs are not unpacked", InstallError.PLAN_REFUSED,
                        (Scenario) (d, g) -> TestPackages.signed(d.resolve("p.sup"), TestPackages.header("p", "1.0.0")
                                + COPY + extract("bundle.tar"), Map.of("app.conf", "new\n", "bundle.tar",
                                new TarBytes().directory("run/").special("run/control", '6').tar()))),
                Arguments.of("a manifest in UTF-16", "manifest.json is UTF-16 (it starts with a UTF-16 byte-order "
                        + "mark); it must be UTF-8", InstallError.VERIFICATION_FAILED, (Scenario) (d, g) ->
                        SupRewriter.manifest(
                        TestPackages.signed(d.resolve("p.sup"), TestPackages.header("p", "1.0.0") + COPY, appConf()),
                        m -> ("\uFEFF" + m).getBytes(StandardCharsets.UTF_16LE))),
                Arguments.of("a timeout of 999999999h", "manifest.json actions[0].timeout: must be at most 24h",
                        InstallError.VERIFICATION_FAILED, (Scenario) (d, g) -> SupRewriter.manifest(
                        TestPackages.signed(d.resolve("p.sup"), TestPackages.header("p", "1.0.0") + COPY.replace(
                                "type: file.copy\n", "type: file.copy\n    timeout: 1h\n"), appConf()),
                        m -> m.replace("\"1h\"", "\"999999999h\"").getBytes(StandardCharsets.UTF_8))),
                Arguments.of("a timeout of 9300000000 seconds", "manifest.json actions[0].timeout: must be at most 24h",
                        InstallError.VERIFICATION_FAILED, (Scenario) (d, g) -> SupRewriter.manifest(
                        TestPackages.signed(d.resolve("p.sup"), TestPackages.header("p", "1.0.0") + COPY.replace(
                                "type: file.copy\n", "type: file.copy\n    timeout: 1h\n"), appConf()),
                        m -> m.replace("\"1h\"", "9300000000").getBytes(StandardCharsets.UTF_8))));
    }

    /** An archive.extract of {@code source} into {@code data/unpacked}, as the second action. */
    static String extract(String source) {
        return "  - id: unpack\n    type: archive.extract\n    source: " + source
                + "\n    destination: data/unpacked\n";
    }

    /**
     * Keeps all but 200 MiB of the free space in reserve, so that a package may write no more than
     * that: an archive that unpacks to 400 MiB must be refused.
     */
    static void allowOnly200MiB(TestGateway gateway) throws IOException {
        long usable = Files.getFileStore(gateway.home()).getUsableSpace();
        Files.writeString(gateway.configFile(), Files.readString(gateway.configFile()) + "minFreeSpace: \""
                + (usable - (200L << 20)) + "\"\n");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusals")
    void refusal_leavesTheRuntimeHomeUnchanged(String name, String why, InstallError expected, Scenario scenario) throws Exception {
        FakeRuntime runtime = new FakeRuntime(true);
        TestGateway gateway = TestGateway.create(dir.resolve("gw"), runtime);
        Path sup = scenario.prepare(dir, gateway);
        TreeSnapshot before = gateway.snapshot();
        Inventory inventoryBefore = Inventory.read(gateway.stateDir());

        InstallOutcome outcome = gateway.install(sup);

        assertThat(outcome.error()).as(outcome.message()).contains(expected);
        assertThat(outcome.message()).contains(why);
        assertThat(outcome.exitCode()).isEqualTo(ExitCode.REFUSED);
        TreeSnapshot after = gateway.snapshot();
        assertThat(after).as(before.diff(after)).isEqualTo(before);
        assertThat(runtime.calls()).doesNotContain("start", "stop");
        assertThat(Inventory.read(gateway.stateDir())).isEqualTo(inventoryBefore);
        assertThat(gateway.stateDir().resolve("journal/current.jsonl")).doesNotExist();
        Confirmation confirmation = Confirmation.read(gateway.logs().resolve("confirmation.json"));
        assertThat(confirmation.status()).isEqualTo(InstallStatus.REFUSED);
        assertThat(confirmation.errorCode()).isEqualTo(expected.code());
        assertThat(confirmation.errorMessage()).isEqualTo(outcome.message());
        assertThat(Files.readAllLines(gateway.logs().resolve("audit.log"))).last().asString()
                .contains("ERROR SUP ").contains(": refused: ");
    }

    @Test
    void planRefusal_listsEveryProblemWithItsLocation() throws Exception {
        TestGateway gateway = TestGateway.create(dir.resolve("gw"), new FakeRuntime(false));
        Path sup = TestPackages.signed(dir.resolve("p.sup"), TestPackages.header("p", "1.0.0") + COPY
                + "  - id: a\n    type: file.copy\n    source: app.conf\n    destination: /etc/a.conf\n"
                + "  - id: b\n    type: file.delete\n    path: logs\n    recursive: true\n", appConf());

        InstallOutcome outcome = gateway.install(sup);

        assertThat(outcome.message()).contains("actions[1].destination: '/etc/a.conf' (/etc/a.conf) is outside the allowed roots")
                .contains("actions[2].path: 'logs' holds the installer's logs or state");
    }
}
