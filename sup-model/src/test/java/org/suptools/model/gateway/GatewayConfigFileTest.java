package org.suptools.model.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.suptools.model.version.SemVer;

class GatewayConfigFileTest {

    @TempDir
    Path dir;

    private Path write(String name, String text) throws Exception {
        return Files.writeString(dir.resolve(name), text);
    }

    @Test
    void readProfile_takesTheIdentity_andLeavesTheInstallersSectionsAlone() throws Exception {
        Path file = write("gateway.yaml", """
                runtimeHome: /opt/dw/dwcore
                trust: {store: keys}
                identity:
                  product: dw-gateway
                  os: linux
                  architecture: x86_64
                  runtimeVersion: 5.1.0
                  thingKey: gw-0042
                runtime: {start: [a], stop: [b], status: [c]}
                minFreeSpace: not checked here
                """);

        assertThat(GatewayConfigFile.readProfile(file))
                .isEqualTo(new GatewayProfile("dw-gateway", "linux", "x86_64", SemVer.parse("5.1.0")));
    }

    @Test
    void readProfile_readsJsonByItsName() throws Exception {
        Path file = write("gateway.json", """
                {"identity": {"product": "p", "os": "linux", "architecture": "aarch64", "runtimeVersion": "1.0.0"}}
                """);

        assertThat(GatewayConfigFile.readProfile(file).architecture()).isEqualTo("aarch64");
    }

    @Test
    void missingFields_areAllReported_namingTheFileAndTheField() throws Exception {
        Path file = write("gateway.yaml", "identity:\n  product: p\n  os: \" \"\n");

        assertThatThrownBy(() -> GatewayConfigFile.readProfile(file))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.getMessage().lines().toList())
                        .containsExactly("gateway.yaml: identity.os: is required",
                                "gateway.yaml: identity.architecture: is required",
                                "gateway.yaml: identity.runtimeVersion: is required (the installed runtime's version, "
                                        + "such as 5.1.0)"));
    }

    @Test
    void aMistypedIdentityField_aBadVersion_orAVersionWrittenAsANumber_isRefusedWhereItStands() throws Exception {
        assertThatThrownBy(() -> GatewayConfigFile.readProfile(write("a.yaml", "identity:\n  prodcut: p\n")))
                .hasMessageStartingWith("a.yaml: identity.prodcut: unknown field");
        assertThatThrownBy(() -> GatewayConfigFile.readProfile(write("b.yaml", """
                identity: {product: p, os: linux, architecture: x86_64, runtimeVersion: "5.1"}
                """))).hasMessageStartingWith("b.yaml: identity.runtimeVersion: '5.1' is not a SemVer");
        assertThatThrownBy(() -> GatewayConfigFile.readProfile(write("c.yaml", """
                identity: {product: p, os: linux, architecture: x86_64, runtimeVersion: 5.1}
                """))).hasMessage("c.yaml: identity.runtimeVersion: expected a text value "
                        + "(write it in quotes)");
    }

    @Test
    void noIdentity_andNoFile_areRefused() throws Exception {
        assertThatThrownBy(() -> GatewayConfigFile.readProfile(write("a.yaml", "runtimeHome: /opt/dw\n")))
                .hasMessage("a.yaml: identity: is required (product, os, architecture, runtimeVersion)");
        assertThatThrownBy(() -> GatewayConfigFile.readProfile(dir.resolve("none.yaml")))
                .hasMessage("none.yaml: no such file");
    }
}
