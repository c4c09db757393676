package org.suptools.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.suptools.e2e.Launchers.installer;
import static org.suptools.e2e.Launchers.runtimeStatus;
import static org.suptools.e2e.Launchers.sup;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.suptools.e2e.Launchers.Keys;
import org.suptools.e2e.Launchers.Result;
import org.suptools.samples.runtime.RuntimeHomeLayout;

/**
 * After a rollback the runtime runs what the files say, with the real launchers and the real
 * sample runtime: a package changes the runtime's settings, then installs a firmware whose runtime
 * fails its health check. The rollback swaps the old runtime back and restores the settings, and
 * only then starts the runtime, once: its health endpoint reports the old version and the old
 * settings, not the package's.
 */
class RuntimeAfterRollbackIT {

    private static final String MAILBOX = "M-E2E-RUNTIME";

    private static final String SPEC = """
            name: acme-broken-runtime
            version: 3.0.0
            description: new settings, then a runtime that fails its health check
            vendor: Acme Industrial
            targets:
              - product: dw-gateway
                os: linux
                architecture: "*"
            actions:
              - id: settings
                type: properties.set
                file: conf/dwcore.user.properties
                set:
                  dw.http.port: "9393"
                  dw.gateway.name: renamed-by-the-package
              - id: firmware
                type: firmware.update
                source: runtime-3.0.0.tar.gz
                directory: runtime
                format: tar.gz
                runtimeVersion: 3.0.0
            """;

    @TempDir
    Path work;

    @BeforeAll
    static void freshJars() throws Exception {
        Launchers.seeFreshJars();
    }

    @AfterEach
    void stopRuntime() throws Exception {
        Launchers.stopRuntime(work.resolve("gw/dwcore"));
    }

    static JsonNode health(Path home) throws Exception {
        Result health = Launchers.run(home.resolve(RuntimeHomeLayout.CTL), "health", home.toString());
        assertThat(health.exit()).as(health.output()).isZero();
        String output = health.output();
        return InstallReport.JSON.readTree(output.substring(output.indexOf('{')));
    }

    @Test
    void settingsThenABrokenFirmware_theRuntimeStartsOnceAfterTheRollback_onTheRestoredSettings() throws Exception {
        Keys keys = Launchers.keygen(work.resolve("keys/e2e"));
        Path source = Files.createDirectories(work.resolve("broken-runtime/payload")).getParent();
        Files.writeString(source.resolve("sup.yaml"), SPEC, StandardCharsets.UTF_8);
        RuntimeHomeLayout.firmwareArchive(source.resolve("payload/runtime-3.0.0.tar.gz"), "3.0.0", false);
        Path sup = work.resolve("broken-runtime.sup");
        Result build = sup("build", source.toString(), "-o", sup.toString(), "--key", keys.privateKey().toString());
        assertThat(build.exit()).as(build.output()).isZero();

        // The broken runtime is waited for until healthWait has passed: keep that short.
        Path home = Launchers.sandbox(work.resolve("gw"), keys.publicKey(), "--health-wait", "5s");
        JsonNode before = health(home);
        Map<String, String> treeBefore = Trees.snapshot(home);
        List<String> logBefore = Files.readAllLines(home.resolve("logs/runtime.log"));

        Result install = installer("install", sup.toString(), "--config", work.resolve("gw/gateway.yaml").toString(),
                "--mailbox-id", MAILBOX);

        assertThat(install.exit()).as("1: failed and rolled back\n" + install.output()).isEqualTo(1);
        InstallReport.of(home).assertFailedAndRolledBack(MAILBOX, "rolled-back", "failed");
        assertThat(Trees.snapshot(home)).as("runtime home byte for byte as before").isEqualTo(treeBefore);
        assertThat(runtimeStatus(home)).as("runtime healthy after the rollback").isZero();
        JsonNode after = health(home);
        assertThat(after.path("version").asText()).isEqualTo("1.0.0");
        assertThat(after.path("properties")).as("the settings the running runtime loaded")
                .isEqualTo(before.path("properties"));
        assertThat(after.path("properties").path("dw.http.port").asText()).isNotEqualTo("9393");
        assertThat(after.path("pid").asLong()).as("restarted").isNotEqualTo(before.path("pid").asLong());
        List<String> log = Files.readAllLines(home.resolve("logs/runtime.log"));
        List<String> starts = log.subList(logBefore.size(), log.size()).stream()
                .filter(line -> line.contains("started version")).toList();
        assertThat(starts).as("the broken runtime's start, then one start of the old runtime").hasSize(2);
        assertThat(starts.get(0)).contains("started version 3.0.0");
        assertThat(starts.get(1)).contains("started version 1.0.0");
    }
}
