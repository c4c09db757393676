package org.suptools.installer.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.suptools.model.action.PackageManager;
import org.suptools.installer.testing.TestPackages;
import org.suptools.model.gateway.ConfigException;

/** The gateway config: defaults, paths relative to the file, and every problem located. */
class GatewayConfigLoaderTest {

    @TempDir
    Path dir;

    static final String MINIMAL = """
            runtimeHome: dwcore
            trust:
              store: keys
            identity:
              product: dw-gateway
              os: linux
              architecture: x86_64
              runtimeVersion: 5.1.0
            runtime:
              start: [runtime/bin/runtime-ctl, start]
              stop: [/usr/bin/systemctl, stop, dw]
              status: [sh, -c, "exit 0"]
            """;

    /** The runtime home and a trust store with one key exist, as on a gateway. */
    @BeforeEach
    void gateway() throws Exception {
        Files.createDirectories(dir.resolve("dwcore"));
        TestPackages.writePublicKey(dir.resolve("keys"), "ci", TestPackages.TRUSTED);
    }

    Path write(String name, String text) throws Exception {
        return Files.writeString(dir.resolve(name), text);
    }

    @Test
    void minimalConfig_getsTheDocumentedDefaults() throws Exception {
        GatewayConfig config = GatewayConfigLoader.load(write("gateway.yaml", MINIMAL));

        Path home = dir.resolve("dwcore");
        assertThat(config.runtimeHome()).isEqualTo(home);
        assertThat(config.logsDir()).isEqualTo(home.resolve("logs"));
        assertThat(config.stateDir()).isEqualTo(dir.resolve("dwcore.sup-state"));
        assertThat(config.trustStore()).contains(dir.resolve("keys"));
        assertThat(config.threshold()).isEqualTo(1);
        assertThat(config.allowUnsigned()).isFalse();
        assertThat(config.allowedRoots()).containsExactly(home);
        assertThat(config.defaultActionTimeout()).isEqualTo(Duration.ofMinutes(5));
        assertThat(config.minFreeSpace()).isEqualTo(64L << 20);
        assertThat(config.identity().thingKey()).isEmpty();
        assertThat(config.runtime().start()).containsExactly(home.resolve("runtime/bin/runtime-ctl").toString(), "start");
        assertThat(config.runtime().stop()).containsExactly("/usr/bin/systemctl", "stop", "dw");
        assertThat(config.runtime().status().get(0)).as("a bare program name is found on the PATH").isEqualTo("sh");
        assertThat(config.runtime().commandTimeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(config.packageManagers().get(PackageManager.DPKG)).containsExactly("dpkg", "-i");
    }

    @Test
    void jsonConfig_withEveryField() throws Exception {
        Path etc = Files.createDirectories(dir.resolve("etc-dw"));
        GatewayConfig config = GatewayConfigLoader.load(write("gateway.json", """
                {"runtimeHome": "dwcore", "logsDir": "var/log/dw", "stateDir": "var/lib/sup",
                 "allowUnsigned": true,
                 "identity": {"product": "p", "os": "linux", "architecture": "aarch64", "runtimeVersion": "5.1.0",
                              "thingKey": "gw-9"},
                 "runtime": {"start": ["a"], "stop": ["b"], "status": ["c"], "commandTimeout": "10s", "healthWait": "2m"},
                 "allowedRoots": ["dwcore", "etc-dw"], "defaultActionTimeout": "90s", "minFreeSpace": "1GiB",
                 "packageManagers": {"opkg": ["/usr/bin/opkg", "install", "--force-reinstall"]}}
                """));

        assertThat(config.trustStore()).isEmpty();
        assertThat(config.allowUnsigned()).isTrue();
        assertThat(config.allowedRoots()).containsExactly(dir.resolve("dwcore"), etc);
        assertThat(config.runtime().healthWait()).isEqualTo(Duration.ofMinutes(2));
        assertThat(config.defaultActionTimeout()).isEqualTo(Duration.ofSeconds(90));
        assertThat(config.minFreeSpace()).isEqualTo(1L << 30);
        assertThat(config.identity().thingKey()).contains("gw-9");
        assertThat(config.packageManagers().get(PackageManager.OPKG))
                .containsExactly("/usr/bin/opkg", "install", "--force-reinstall");
    }

    @Test
    void missingFields_areAllReportedWithTheirLocation() throws Exception {
        Path file = write("gateway.yaml", """
                identity:
                  product: p
                  os: linux
                runtime:
                  stop: [b]
                  status: [c]
                """);

        assertThatThrownBy(() -> GatewayConfigLoader.load(file))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.getMessage().lines().toList())
                        .contains("gateway.yaml: runtimeHome: is required",
                                "gateway.yaml: trust: is required unless allowUnsigned is true",
                                "gateway.yaml: identity.architecture: is required",
                                "gateway.yaml: runtime.start: is required (an argument list such as [bin/runtime-ctl, start])"));
    }

    @Test
    void unknownField_andAStateDirInsideAnAllowedRoot_areRefused() throws Exception {
        assertThatThrownBy(() -> GatewayConfigLoader.load(write("a.yaml", MINIMAL + "colour: blue\n")))
                .hasMessageStartingWith("a.yaml: colour: unknown field");
        assertThatThrownBy(() -> GatewayConfigLoader.load(write("b.yaml", MINIMAL + "stateDir: dwcore/state\n")))
                .hasMessageContaining("b.yaml: stateDir: the state directory")
                .hasMessageContaining("must not overlap the allowed root");
        assertThatThrownBy(() -> GatewayConfigLoader.load(write("c.yaml", MINIMAL + "allowUnsigned: true\n")))
                .hasMessageContaining("c.yaml: allowUnsigned: cannot be combined with a trust store");
        assertThatThrownBy(() -> GatewayConfigLoader.load(dir.resolve("none.yaml"))).hasMessage("none.yaml: no such file");
    }
}
