package org.suptools.installer.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.suptools.installer.testing.TestPackages;
import org.suptools.installer.testing.TreeSnapshot;
import org.suptools.model.gateway.ConfigException;
import org.suptools.model.signing.PemKeys;
import org.suptools.model.problem.Problem;

/**
 * Every bad gateway config of issue 9's table is refused by the loader, naming its field (and the
 * file at fault), and checking it changes nothing on disk; the documented size and duration forms
 * are accepted.
 */
class GatewayConfigRefusalsTest {

    @TempDir
    Path dir;

    Path keys;

    static final String IDENTITY_AND_RUNTIME = """
            identity: {product: dw-gateway, os: linux, architecture: x86_64, runtimeVersion: 5.1.0}
            runtime: {start: [/bin/true], stop: [/bin/true], status: [/bin/true]}
            """;

    @BeforeEach
    void gateway() throws Exception {
        Files.createDirectories(dir.resolve("dwcore"));
        keys = dir.resolve("keys");
        TestPackages.writePublicKey(keys, "ci", TestPackages.TRUSTED);
    }

    /** A config of the given top-level lines plus a working identity and runtime. */
    Path config(String lines) throws Exception {
        return Files.writeString(dir.resolve("gateway.yaml"), lines + IDENTITY_AND_RUNTIME);
    }

    /** Loads and expects a refusal; checks that the refusal created nothing, and returns its problems. */
    List<Problem> refused(Path file) throws Exception {
        TreeSnapshot before = TreeSnapshot.of(dir);
        List<Problem> problems = GatewayConfigLoader.check(file, false).problems();
        assertThatThrownBy(() -> GatewayConfigLoader.load(file)).isInstanceOf(ConfigException.class);
        assertThat(TreeSnapshot.of(dir)).as("checking a config creates nothing").isEqualTo(before);
        assertThat(problems).isNotEmpty();
        return problems;
    }

    static List<String> locations(List<Problem> problems) {
        return problems.stream().map(Problem::location).toList();
    }

    @Test
    void runtimeHome_missing_isRefusedAndNothingIsCreated() throws Exception {
        List<Problem> problems = refused(config("runtimeHome: gone\ntrust: {store: keys}\n"));

        assertThat(locations(problems)).containsExactly("runtimeHome");
        assertThat(problems.get(0).message()).contains(dir.resolve("gone").toString()).contains("does not exist");
        assertThat(dir.resolve("gone.sup-state")).doesNotExist();
    }

    @Test
    void runtimeHome_aFile_orALinkToAFile_isRefused() throws Exception {
        Files.writeString(dir.resolve("home-file"), "x");
        Files.createSymbolicLink(dir.resolve("home-link"), dir.resolve("home-file"));

        assertThat(refused(config("runtimeHome: home-file\ntrust: {store: keys}\n")).get(0).message())
                .contains("is a file; it must be the runtime's existing home directory");
        assertThat(refused(config("runtimeHome: home-link\ntrust: {store: keys}\n")).get(0).message())
                .as("a link is called a link").contains("is a link to a file");
    }

    @Test
    void trustStore_missingOrEmpty_isRefusedNamingTheStore() throws Exception {
        Files.createDirectories(dir.resolve("empty"));

        assertThat(refused(config("runtimeHome: dwcore\ntrust: {store: none}\n")))
                .singleElement().satisfies(problem -> {
                    assertThat(problem.location()).isEqualTo("trust.store");
                    assertThat(problem.message()).contains(dir.resolve("none").toString());
                });
        assertThat(refused(config("runtimeHome: dwcore\ntrust: {store: empty}\n")))
                .singleElement().satisfies(problem -> assertThat(problem.message())
                        .contains(dir.resolve("empty").toString()).contains("holds no public key"));
    }

    @Test
    void trustStore_holdingAGarbageKey_aPrivateKey_orAWeakRsaKey_isRefusedNamingTheFile() throws Exception {
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(1024);
        KeyPair weak = rsa.generateKeyPair();
        String[][] cases = {
            {"garbage.pub", "not a key at all\n", "not a PEM public key"},
            {"private.pem", PemKeys.toPem(TestPackages.TRUSTED.getPrivate()), "not a PEM public key"},
            {"rsa1024.pub", PemKeys.toPem(weak.getPublic()), "1024 bits is too short"},
        };
        for (String[] c : cases) {
            Path store = Files.createDirectories(dir.resolve("store-" + c[0]));
            Files.copy(keys.resolve("ci.pub"), store.resolve("ci.pub"));
            Files.writeString(store.resolve(c[0]), c[1]);

            assertThat(refused(config("runtimeHome: dwcore\ntrust: {store: store-" + c[0] + "}\n")))
                    .as(c[0]).singleElement().satisfies(problem -> {
                        assertThat(problem.location()).isEqualTo("trust.store");
                        assertThat(problem.message()).contains(store.resolve(c[0]).toString()).contains(c[2]);
                    });
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.5", "2.9", "1.0", "0", "-1", "\"2\"", "1e3"})
    void threshold_thatIsNotAWholeNumberOfAtLeastOne_isRefused(String threshold) throws Exception {
        List<Problem> problems = refused(config("runtimeHome: dwcore\ntrust: {store: keys, threshold: " + threshold
                + "}\n"));

        assertThat(locations(problems)).contains("trust.threshold");
        assertThat(problems.toString()).doesNotContainIgnoringCase("coerc").doesNotContain("`");
    }

    @Test
    void threshold_aboveTheNumberOfKeys_isRefused() throws Exception {
        assertThat(refused(config("runtimeHome: dwcore\ntrust: {store: keys, threshold: 2}\n")))
                .singleElement().satisfies(problem -> {
                    assertThat(problem.location()).isEqualTo("trust.threshold");
                    assertThat(problem.message()).startsWith("2 signatures are required but the trust store holds 1 key");
                });
    }

    @Test
    void allowedRoots_null_missing_orAFile_areRefusedNamingTheEntry() throws Exception {
        Files.writeString(dir.resolve("a-file"), "x");

        assertThat(locations(refused(config("runtimeHome: dwcore\ntrust: {store: keys}\nallowedRoots: [null]\n"))))
                .containsExactly("allowedRoots[0]");
        assertThat(refused(config("runtimeHome: dwcore\ntrust: {store: keys}\nallowedRoots: [dwcore, gone]\n")))
                .singleElement().satisfies(problem -> {
                    assertThat(problem.location()).isEqualTo("allowedRoots[1]");
                    assertThat(problem.message()).contains(dir.resolve("gone").toString());
                });
        assertThat(locations(refused(config("runtimeHome: dwcore\ntrust: {store: keys}\nallowedRoots: [a-file]\n"))))
                .containsExactly("allowedRoots[0]");
    }

    @Test
    void stateDir_andLogsDir_thatCannotBeWritten_areRefused_evenForRoot() throws Exception {
        // /proc refuses new files to root too: mode bits alone would not show it.
        assertThat(refused(config("runtimeHome: dwcore\ntrust: {store: keys}\nstateDir: /proc/rt-state\n")))
                .singleElement().satisfies(problem -> {
                    assertThat(problem.location()).isEqualTo("stateDir");
                    assertThat(problem.message()).startsWith("cannot write in /proc/rt-state (it would be created in /proc)");
                });
        assertThat(locations(refused(config("runtimeHome: dwcore\ntrust: {store: keys}\nlogsDir: /proc/rt-logs\n"))))
                .containsExactly("logsDir");
        Files.writeString(dir.resolve("state-file"), "x");
        assertThat(refused(config("runtimeHome: dwcore\ntrust: {store: keys}\nstateDir: state-file\n")))
                .singleElement().satisfies(problem -> assertThat(problem.message()).contains("is a file, not a directory"));
    }

    @Test
    void logsDir_readOnly_isRefused() throws Exception {
        Path logs = Files.createDirectories(dir.resolve("dwcore/logs"));
        Files.setPosixFilePermissions(logs, PosixFilePermissions.fromString("r-xr-xr-x"));
        try {
            boolean bypassed = Files.isWritable(logs) && probeWorks(logs);
            List<Problem> problems = GatewayConfigLoader.check(config("runtimeHome: dwcore\ntrust: {store: keys}\n"), false)
                    .problems();
            // Root writes into a 0555 directory: then the real probe rightly finds it writable.
            assertThat(locations(problems)).isEqualTo(bypassed ? List.of() : List.of("logsDir"));
        } finally {
            Files.setPosixFilePermissions(logs, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    static boolean probeWorks(Path dir) {
        try {
            Files.delete(Files.createTempFile(dir, "probe", ".tmp"));
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"1048576", "\"1048576\"", "1 MiB", "1MiB", "1mib", "\"1024 KiB\""})
    void minFreeSpace_inEveryDocumentedForm_isOneMebibyte(String size) throws Exception {
        GatewayConfig config = GatewayConfigLoader.load(config("runtimeHome: dwcore\ntrust: {store: keys}\n"
                + "minFreeSpace: " + size + "\n"));

        assertThat(config.minFreeSpace()).isEqualTo(1L << 20);
    }

    @Test
    void minFreeSpace_decimalUnits_andZero_areAccepted() throws Exception {
        assertThat(GatewayConfigLoader.load(config("runtimeHome: dwcore\ntrust: {store: keys}\nminFreeSpace: 10MB\n"))
                .minFreeSpace()).isEqualTo(10_000_000L);
        assertThat(GatewayConfigLoader.load(config("runtimeHome: dwcore\ntrust: {store: keys}\nminFreeSpace: 0\n"))
                .minFreeSpace()).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"10 XB", "-1", "1.5", "ten", "99999999999999999999", "20000000 TiB", "[1]"})
    void minFreeSpace_thatIsNotASize_isRefusedNamingIt(String size) throws Exception {
        List<Problem> problems = refused(config("runtimeHome: dwcore\ntrust: {store: keys}\nminFreeSpace: " + size
                + "\n"));

        assertThat(locations(problems)).containsExactly("minFreeSpace");
    }

    @Test
    void durations_inEveryDocumentedForm_areAccepted() throws Exception {
        GatewayConfig config = GatewayConfigLoader.load(config("runtimeHome: dwcore\ntrust: {store: keys}\n"
                + "defaultActionTimeout: 90\n").resolveSibling("gateway.yaml"));
        assertThat(config.defaultActionTimeout()).isEqualTo(Duration.ofSeconds(90));
        for (String[] c : new String[][] {{"500ms", "PT0.5S"}, {"30s", "PT30S"}, {"5m", "PT5M"}, {"1h", "PT1H"},
            {"\"45\"", "PT45S"}}) {
            assertThat(GatewayConfigLoader.load(config("runtimeHome: dwcore\ntrust: {store: keys}\n"
                    + "defaultActionTimeout: " + c[0] + "\n")).defaultActionTimeout()).as(c[0]).isEqualTo(Duration.parse(c[1]));
        }
    }

    @Test
    void duration_ofZero_saysWhatToWrite() throws Exception {
        assertThat(refused(config("runtimeHome: dwcore\ntrust: {store: keys}\ndefaultActionTimeout: 0s\n")))
                .singleElement().satisfies(problem -> {
                    assertThat(problem.location()).isEqualTo("defaultActionTimeout");
                    assertThat(problem.message()).doesNotContain("PT0S").contains("30s");
                });
    }

    @Test
    void malformedYaml_isOneLineWithLineAndColumn() throws Exception {
        Path file = Files.writeString(dir.resolve("gateway.yaml"), """
                runtimeHome: dwcore
                trust:
                  store: keys
                identity:
                  product: p
                  os: linux
                 architecture: x86_64
                """);

        assertThatThrownBy(() -> GatewayConfigLoader.load(file)).isInstanceOfSatisfying(ConfigException.class, e -> {
            assertThat(e.getMessage()).doesNotContain("\n").startsWith("gateway.yaml:7:");
            assertThat(e.getMessage()).contains("not valid YAML").doesNotContain("reader").doesNotContain("Exception");
        });
    }

    @Test
    void everyProblem_isReportedAtOnce() throws Exception {
        List<Problem> problems = refused(config("runtimeHome: gone\ntrust: {store: none, threshold: 1.5}\n"
                + "allowedRoots: [null, also-gone]\nstateDir: /proc/x\nminFreeSpace: lots\n"));

        assertThat(locations(problems)).containsExactlyInAnyOrder("trust.threshold", "minFreeSpace", "runtimeHome",
                "allowedRoots[0]", "allowedRoots[1]", "stateDir");
    }

    @Test
    void checkConfig_alsoFindsARuntimeCommandThatIsMissingOrNotExecutable() throws Exception {
        Path ctl = Files.createDirectories(dir.resolve("dwcore/bin")).resolve("ctl");
        Files.writeString(ctl, "#!/bin/sh\n");
        Path file = Files.writeString(dir.resolve("gateway.yaml"), """
                runtimeHome: dwcore
                trust: {store: keys}
                identity: {product: dw-gateway, os: linux, architecture: x86_64, runtimeVersion: 5.1.0}
                runtime: {start: [bin/ctl, start], stop: [bin/gone, stop], status: [sh, -c, "exit 0"]}
                """);

        ConfigCheck check = GatewayConfigLoader.check(file, true);

        assertThat(check.problems()).extracting(Problem::location).containsExactly("runtime.start[0]",
                "runtime.stop[0]");
        assertThat(check.problems().get(0).message()).contains("is not executable");
        assertThat(check.problems().get(1).message()).contains("does not exist");
        assertThat(GatewayConfigLoader.check(file, false).ok()).as("install does not refuse on it").isTrue();
        assertThat(Stream.of(check.trustKeyIds())).isNotEmpty();
    }
}
