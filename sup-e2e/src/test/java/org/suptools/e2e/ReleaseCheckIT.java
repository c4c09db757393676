package org.suptools.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.suptools.e2e.Launchers.ROOT;
import static org.suptools.e2e.Launchers.sup;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.suptools.e2e.Launchers.Keys;
import org.suptools.e2e.Launchers.Result;

/**
 * Device-initiated checks end to end, every piece a real process: {@code bin/sup-portal} with two
 * releases under distribution policies, and sandbox gateways of different products and runtime
 * versions whose {@code bin/sup-agent} asks {@code update.check} on its own ({@code once} with
 * {@code checkForUpdates}) or by the run modes ({@code check}, {@code download}, {@code install}):
 * each receives the release meant for it, installed by the real {@code bin/sup-installer}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReleaseCheckIT {

    @TempDir
    static Path work;

    private Keys keys;
    private Portal portal;
    private Agent recent;
    private Agent older;
    private Agent elsewhere;

    @BeforeAll
    void startPortal() throws Exception {
        Launchers.seeFreshJars();
        keys = Launchers.keygen(work.resolve("keys/release"));
        List<Portal.Thing> things = List.of("gw-recent", "gw-older", "gw-elsewhere").stream().map(Portal.Thing::named)
                .toList();
        portal = Portal.start(work, things);
        portal.upload(build("runtime-config"), "acme-runtime-config-1.4.0.sup");
        portal.upload(build("cert-rotation"), "acme-gateway-ca-2026.11.0.sup");
        portal.publishRelease("acme-runtime-config-1.4.0.sup", "product == \"dw-gateway\" && runtimeVersion >= \"1.2.0\"");
        portal.publishRelease("acme-gateway-ca-2026.11.0.sup", "product == \"dw-gateway\" && runtimeVersion < \"1.2.0\"");
        recent = gateway("gw-recent", "--runtime-version=1.4.0");
        older = gateway("gw-older", "--runtime-version=1.0.0");
        elsewhere = gateway("gw-elsewhere", "--product=other-gateway");
    }

    @AfterAll
    void stop() throws Exception {
        for (Agent agent : new Agent[] {recent, older, elsewhere}) {
            if (agent != null) {
                agent.close();
            }
        }
        if (portal != null) {
            portal.close();
        }
    }

    @Test
    void eachGatewayReceivesTheReleaseMeantForIt() throws Exception {
        Result recentCheck = recent.mode("check");
        assertThat(recentCheck.exit()).as(recentCheck.output()).isZero();
        assertThat(recentCheck.output()).contains("update available: acme-runtime-config 1.4.0 (not installed)");
        Result olderCheck = older.mode("check");
        assertThat(olderCheck.output()).as(olderCheck.output()).contains("update available: acme-gateway-ca 2026.11.0");
        Result elsewhereCheck = elsewhere.mode("check");
        assertThat(elsewhereCheck.exit()).as(elsewhereCheck.output()).isZero();
        assertThat(elsewhereCheck.output()).contains("up to date");
        assertThat(installed(recent)).as("check takes nothing").doesNotContain("acme-runtime-config");

        // The newer gateway: the daemon's cycle, once, with its own checks on.
        recent.configure("checkForUpdates: true", "checkJitter: 0");
        Result once = recent.once(30);
        assertThat(once.exit()).as(once.output()).isZero();
        assertThat(once.output()).contains("update check: acme-runtime-config 1.4.0 offered");
        assertThat(installed(recent)).contains("acme-runtime-config");
        Result again = recent.mode("check");
        assertThat(again.output()).as("installed: nothing newer is meant for it").contains("up to date");

        // The older one: download by the run mode, install with no network, report at the next check.
        Result download = older.mode("download");
        assertThat(download.exit()).as(download.output()).isZero();
        assertThat(download.output()).contains("downloaded: check:acme-gateway-ca@2026.11.0");
        assertThat(installed(older)).doesNotContain("acme-gateway-ca");
        Result install = older.mode("install");
        assertThat(install.exit()).as(install.output()).isZero();
        assertThat(install.output()).contains("check:acme-gateway-ca@2026.11.0").contains("SUCCEEDED");
        assertThat(installed(older)).contains("acme-gateway-ca");
        Result report = older.mode("check");
        assertThat(report.exit()).as(report.output()).isZero();
        assertThat(report.output()).as("the offline install's report goes with the next check")
                .contains("update check:acme-gateway-ca@2026.11.0: reported success").containsPattern(
                        "sent [1-9][0-9]* report\\(s\\) from the outbox").contains("up to date");
        JsonNode status = older.status();
        assertThat(status.path("pending").size()).as(status.toPrettyString()).isZero();
        assertThat(status.path("last").path("mailboxId").asText()).isEqualTo("check:acme-gateway-ca@2026.11.0");
        assertThat(status.path("last").path("stage").asText()).isEqualTo("SUCCEEDED");

        assertThat(installed(elsewhere)).doesNotContain("acme-");
    }

    private String installed(Agent agent) throws Exception {
        Result status = Launchers.installer("status", "--config", agent.gatewayConfig().toString(), "--json");
        assertThat(status.exit()).as(status.output()).isZero();
        return status.output();
    }

    private Agent gateway(String key, String... sandboxOptions) throws Exception {
        String[] options = new String[sandboxOptions.length + 1];
        System.arraycopy(sandboxOptions, 0, options, 0, sandboxOptions.length);
        options[sandboxOptions.length] = "--no-start";
        return Agent.onSandbox(Portal.Thing.named(key), work.resolve(key), keys.publicKey(), portal, options);
    }

    private Path build(String sample) throws Exception {
        Path out = work.resolve("packages/" + sample + ".sup");
        Files.createDirectories(out.getParent());
        Result build = sup("build", ROOT.resolve("sample-packages/packages/" + sample).toString(), "-o", out.toString(),
                "--key", keys.privateKey().toString());
        assertThat(build.exit()).as(build.output()).isZero();
        return out;
    }
}
