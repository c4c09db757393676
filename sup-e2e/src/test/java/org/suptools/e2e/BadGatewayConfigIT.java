package org.suptools.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.suptools.e2e.Launchers.ROOT;
import static org.suptools.e2e.Launchers.installer;
import static org.suptools.e2e.Launchers.sup;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.suptools.e2e.Launchers.Keys;
import org.suptools.e2e.Launchers.Result;

/**
 * A bad gateway config through the real {@code bin/sup-installer}: a signed sample package and a
 * sandbox gateway made with the real launchers ({@code bin/sup-sandbox}), then configs that break one thing each. Every
 * install exits 2 naming the field, and the gateway's directory is byte for byte as before: no
 * state, no journal, no confirmation.json, no TR50 reply.
 */
class BadGatewayConfigIT {

    @TempDir
    Path work;

    Path sup;
    Path gateway;
    Keys keys;

    @BeforeAll
    static void freshJars() throws Exception {
        Launchers.seeFreshJars();
    }

    @BeforeEach
    void packageAndSandbox() throws Exception {
        keys = Launchers.keygen(work.resolve("keys/e2e"));
        sup = work.resolve("runtime-config.sup");
        Result build = sup("build", ROOT.resolve("sample-packages/packages/runtime-config").toString(), "-o",
                sup.toString(), "--key", keys.privateKey().toString());
        assertThat(build.exit()).as(build.output()).isZero();
        gateway = work.resolve("gw");
        Result sandbox = Launchers.sandbox(gateway.toString(), "--trust", keys.publicKey().toString(), "--no-start");
        assertThat(sandbox.exit()).as(sandbox.output()).isZero();
    }

    /** The sandbox's config with one text replaced, as {@code bad.yaml} beside it. */
    Path configWith(String from, String to) throws Exception {
        String text = Files.readString(gateway.resolve("gateway.yaml"));
        assertThat(text).contains(from);
        return Files.writeString(gateway.resolve("bad.yaml"), text.replace(from, to));
    }

    void refused(Path config, String field) throws Exception {
        Map<String, String> before = Trees.snapshot(work);
        Path reply = work.resolve("reply.json");

        Result install = installer("install", sup.toString(), "--config", config.toString(), "--mailbox-id", "M-1",
                "--tr50-reply", reply.toString());
        Result check = installer("check-config", "--config", config.toString());

        assertThat(install.exit()).as(install.output()).isEqualTo(2);
        assertThat(install.output()).contains("sup-installer: bad.yaml: " + field + ": ");
        assertThat(check.exit()).as(check.output()).isEqualTo(2);
        assertThat(check.output()).contains(config + ": " + field + ": ");
        assertThat(Trees.snapshot(work)).as("nothing created or changed").isEqualTo(before);
        assertThat(reply).doesNotExist();
    }

    @Test
    void missingRuntimeHome_untrustworthyTrustStore_andUnwritableStateDir_areUsageErrorsThatChangeNothing()
            throws Exception {
        refused(configWith("runtimeHome: dwcore", "runtimeHome: gone"), "runtimeHome");

        Files.copy(keys.privateKey(), gateway.resolve("trust/private.pem"));
        refused(Files.copy(gateway.resolve("gateway.yaml"), gateway.resolve("bad.yaml"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING), "trust.store");
        Files.delete(gateway.resolve("trust/private.pem"));

        refused(configWith("stateDir: state", "stateDir: /proc/rt-state"), "stateDir");
    }

    @Test
    void checkConfig_onTheSandboxConfig_isOk() throws Exception {
        Result check = installer("check-config", "--config", gateway.resolve("gateway.yaml").toString());

        assertThat(check.exit()).as(check.output()).isZero();
        assertThat(check.output()).contains(gateway.resolve("gateway.yaml") + ": ok")
                .contains("  key " + keys.keyId());
    }
}
