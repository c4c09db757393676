package org.suptools.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.suptools.e2e.InstallReport.JSON;
import static org.suptools.e2e.Launchers.ROOT;
import static org.suptools.e2e.Launchers.installer;
import static org.suptools.e2e.Launchers.runtimeStatus;
import static org.suptools.e2e.Launchers.sup;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.suptools.e2e.Launchers.Keys;
import org.suptools.e2e.Launchers.Result;

/**
 * Every sample under {@code sample-packages/packages/}, end to end with the real launchers: copied
 * to a temporary directory (payloads generated where needed), built and signed with {@code bin/sup
 * build}, verified with {@code bin/sup verify}, and installed with {@code bin/sup-installer
 * install} on its own sandbox gateway (the sample runtime, running). Then the runtime home, the
 * runtime's health, {@code confirmation.json}, the audit log and the TR50 reply are checked.
 */
class SamplesIT {

    private static final Path SAMPLES = ROOT.resolve("sample-packages/packages");
    private static final String MAILBOX = "M-E2E-1";

    /** The samples the test knows what to expect from; a new sample must be added here. */
    private static final List<String> KNOWN = List.of(
            "app-bundle", "cert-rotation", "failing-on-purpose", "firmware-update", "runtime-config", "two-products");

    @TempDir
    static Path keyDir;

    private static Keys keys;

    @TempDir
    Path work;

    private final List<Path> sandboxes = new ArrayList<>();

    @BeforeAll
    static void keygen() throws Exception {
        Launchers.seeFreshJars();
        keys = Launchers.keygen(keyDir.resolve("e2e"));
    }

    @AfterEach
    void stopRuntimes() throws Exception {
        for (Path sandbox : sandboxes) {
            Launchers.stopRuntime(sandbox.resolve("dwcore"));
        }
    }

    static Stream<String> samples() throws IOException {
        try (Stream<Path> dirs = Files.list(SAMPLES)) {
            return dirs.filter(d -> Files.isRegularFile(d.resolve("sup.yaml")))
                    .map(d -> d.getFileName().toString()).sorted().toList().stream();
        }
    }

    @Test
    void everySampleIsCovered() throws IOException {
        assertThat(samples().toList()).containsExactlyInAnyOrderElementsOf(KNOWN);
        for (String sample : KNOWN) {
            assertThat(SAMPLES.resolve(sample).resolve("README.md")).as(sample + " README").isRegularFile();
            assertThat(SAMPLES.resolve(sample).resolve("payload")).as(sample + " payload").isDirectory();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void sampleBuildsVerifiesAndInstalls(String sample) throws Exception {
        // Built with plain bin/sup build from the sample folder itself: a generated payload (the
        // firmware tree) is made by the build, not by the test.
        Path source = SAMPLES.resolve(sample);
        Path sup = work.resolve(sample + ".sup");
        Result build = sup("build", source.toString(), "-o", sup.toString(), "--key", keys.privateKey().toString());
        assertThat(build.exit()).as(build.output()).isZero();
        assertThat(sup).isRegularFile();
        Result verify = sup("verify", sup.toString(), "--trust", keys.publicKey().toString());
        assertThat(verify.exit()).as(verify.output()).isZero();

        // A sandbox gateway of its own, with the sample runtime running.
        Path gw = work.resolve("gw");
        sandboxes.add(gw);
        Path home = Launchers.sandbox(gw, keys.publicKey());
        Map<String, String> before = Trees.snapshot(home);

        Path reply = work.resolve("reply.json");
        Result install = installer("install", sup.toString(), "--config", gw.resolve("gateway.yaml").toString(),
                "--mailbox-id", MAILBOX, "--tr50-reply", reply.toString());
        InstallReport report = InstallReport.of(home);
        assertThat(JSON.readTree(reply.toFile())).as("--tr50-reply copy").isEqualTo(report.tr50());

        if (sample.equals("failing-on-purpose")) {
            assertThat(install.exit()).as(install.output()).isEqualTo(1);
            report.assertFailedAndRolledBack(MAILBOX, "rolled-back", "rolled-back", "failed", "not-run");
            assertThat(Trees.snapshot(home)).as("runtime home byte for byte as before").isEqualTo(before);
            assertThat(runtimeStatus(home)).as("runtime healthy after the rollback").isZero();
            return;
        }
        assertThat(install.exit()).as(install.output()).isZero();
        report.assertSucceeded(MAILBOX);
        assertThat(runtimeStatus(home)).as("runtime healthy after the install").isZero();
        switch (sample) {
            case "runtime-config" -> {
                Properties user = properties(home.resolve("conf/dwcore.user.properties"));
                assertThat(user.getProperty("dw.http.port")).isEqualTo("8080");
                assertThat(user.getProperty("dw.log.level")).isEqualTo("INFO");
                assertThat(user).doesNotContainKey("dw.debug");
                assertThat(home.resolve("conf/logging.properties"))
                        .hasSameBinaryContentAs(SAMPLES.resolve(sample + "/payload/logging.properties"));
                assertThat(report.actionStatuses()).containsExactly("succeeded", "succeeded", "succeeded");
            }
            case "firmware-update" -> {
                assertThat(home.resolve("runtime/VERSION")).hasContent("1.1.0");
                // The replaced 1.0.0 tree stays beside it as runtime.previous until the next update.
                assertThat(home.resolve("runtime.previous/VERSION")).hasContent("1.0.0");
                assertThat(home.resolve("runtime/bin/runtime-ctl")).isExecutable();
                Result st = installer("status", "--config", gw.resolve("gateway.yaml").toString(), "--json");
                assertThat(st.exit()).as(st.output()).isZero();
                assertThat(JSON.readTree(st.output().substring(st.output().indexOf('{'))).path("runtimeVersion").asText())
                        .isEqualTo("1.1.0");
            }
            case "app-bundle" -> {
                assertThat(home.resolve("apps/hello-app/VERSION")).hasContent("hello-app 2.0.0");
                assertThat(home.resolve("apps/hello-app/README.txt")).isRegularFile();
                assertThat(properties(home.resolve("apps/hello-app/conf/app.properties")).getProperty("greeting"))
                        .isEqualTo("Hello from the gateway");
                Properties registry = properties(home.resolve("apps/registry/hello-app.properties"));
                assertThat(registry.getProperty("app.version")).isEqualTo("2.0.0");
                assertThat(report.action(2).path("exitCode").asInt()).isZero();
                assertThat(report.action(2).path("outputTail").asText()).contains("registered hello-app 2.0.0");
            }
            case "two-products" -> {
                assertThat(properties(home.resolve("conf/dwcore.user.properties")).getProperty("dw.telemetry.interval"))
                        .isEqualTo("10s");
                assertThat(home.resolve("conf/edge-telemetry.conf")).doesNotExist();
                assertThat(home.resolve("conf/telemetry-profile.txt")).hasContent("telemetry profile: acme-10s");
                assertThat(report.actionStatuses()).containsExactly("succeeded", "skipped", "succeeded");
                assertThat(report.audit()).anyMatch(l -> l.contains("action 2/3 file.copy skipped"));
                // The same package on a dw-edge gateway: the other conditional action runs instead.
                Path edge = work.resolve("edge");
                sandboxes.add(edge);
                Path edgeHome = Launchers.sandbox(edge, keys.publicKey(), "--product", "dw-edge");
                Result edgeInstall = installer("install", sup.toString(), "--config", edge.resolve("gateway.yaml").toString(),
                        "--mailbox-id", MAILBOX);
                assertThat(edgeInstall.exit()).as(edgeInstall.output()).isZero();
                InstallReport edgeReport = InstallReport.of(edgeHome);
                edgeReport.assertSucceeded(MAILBOX);
                assertThat(edgeReport.actionStatuses()).containsExactly("skipped", "succeeded", "succeeded");
                assertThat(edgeHome.resolve("conf/edge-telemetry.conf"))
                        .hasSameBinaryContentAs(SAMPLES.resolve(sample + "/payload/edge-telemetry.conf"));
                assertThat(properties(edgeHome.resolve("conf/dwcore.user.properties"))).doesNotContainKey("dw.telemetry.interval");
                assertThat(runtimeStatus(edgeHome)).as("dw-edge runtime healthy").isZero();
            }
            case "cert-rotation" -> {
                assertThat(home.resolve("conf/certs/gateway-ca.pem"))
                        .hasSameBinaryContentAs(SAMPLES.resolve(sample + "/payload/gateway-ca.pem"));
                assertThat(Trees.sha256(home.resolve("conf/certs/gateway-ca.pem")))
                        .isEqualTo("cebc9f39aa6365b355913bdc0126d7c3170ed8c4e9025ee2535ec215bd33edec");
                assertThat(report.actionStatuses()).containsExactly("succeeded", "succeeded");
            }
            default -> throw new AssertionError("no expectations for sample " + sample + ": add them to SamplesIT");
        }
    }

    private static Properties properties(Path file) throws IOException {
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            p.load(in);
        }
        return p;
    }
}
