package org.suptools.portal.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.suptools.portal.MutableClock;
import org.suptools.portal.TestSups;
import org.suptools.portal.releases.DeviceDescription;
import org.suptools.portal.releases.PolicyException;

class ReleasesTest {

    @TempDir
    Path work;

    private final MutableClock clock = MutableClock.startingAt("2026-12-03T10:00:00Z");
    private DataDir data;
    private FileStore files;
    private Releases releases;

    @BeforeEach
    void setUp() {
        data = new DataDir(work.resolve("data"));
        files = FileStore.developerFiles(data, clock);
        releases = new Releases(data, clock);
    }

    private Release publish(String name, String version, String policy) throws Exception {
        files.upload(TestSups.write(work, name, version));
        return releases.publish(name + "-" + version + ".sup", policy);
    }

    private static DeviceDescription gateway(String product, String runtime, String... installed) {
        Map<String, String> packages = new LinkedHashMap<>();
        for (int i = 0; i < installed.length; i += 2) {
            packages.put(installed[i], installed[i + 1]);
        }
        return DeviceDescription.of(Map.of("product", product, "runtimeVersion", runtime), packages);
    }

    private Optional<String> answer(DeviceDescription device) {
        return releases.newestFor(device, Optional.empty()).map(Release::label);
    }

    @Test
    void publish_readsNameAndVersionFromTheManifestAndPinsTheBytes() throws Exception {
        Release release = publish("acme-config", "1.5.0", "product == \"dw-gateway\"");

        assertThat(release.name()).isEqualTo("acme-config");
        assertThat(release.version()).isEqualTo("1.5.0");
        Path bytes = files.bytes(files.find("acme-config-1.5.0.sup").orElseThrow());
        assertThat(release.size()).isEqualTo(Files.size(bytes));
        assertThat(release.sha256()).isEqualTo(java.util.HexFormat.of().formatHex(
                java.security.MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(bytes))));
        assertThat(new Releases(data, clock).all()).containsExactly(release);
    }

    @Test
    void publish_refusesABadPolicyAFileThatIsNoSupAndADuplicate() throws Exception {
        files.upload(TestSups.write(work, "acme-config", "1.5.0"));
        assertThatThrownBy(() -> releases.publish("acme-config-1.5.0.sup", "product == "))
                .isInstanceOf(PolicyException.class).hasMessageStartingWith("policy: column 12:");
        Path notASup = Files.writeString(work.resolve("fake.sup"), "not a zip");
        files.upload(notASup);
        assertThatThrownBy(() -> releases.publish("fake.sup", "true")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("FILE: ");
        assertThatThrownBy(() -> releases.publish("missing.sup", "true")).hasMessageContaining("no Developer File");
        releases.publish("acme-config-1.5.0.sup", "true");
        assertThatThrownBy(() -> releases.publish("acme-config-1.5.0.sup", "true"))
                .isInstanceOf(RefusedException.class).hasMessageContaining("already published");
        assertThat(releases.all()).hasSize(1);
    }

    @Test
    void fleet_eachGatewayGetsTheReleaseMeantForIt() throws Exception {
        publish("dw-firmware", "2.0.0", "product == \"dw-gateway\" && runtimeVersion >= \"1.2.0\"");
        publish("dw-firmware", "1.3.0", "product == \"dw-gateway\" && runtimeVersion < \"1.2.0\"");
        publish("dw-firmware", "2.1.0-beta.1", "product == \"dw-gateway\" && packages.beta-channel == \"1.0.0\"");
        publish("edge-agent", "0.9.0", "product == \"edge-box\"");
        publish("edge-agent", "0.8.0", "product in [\"edge-box\", \"edge-mini\"]");

        assertThat(answer(gateway("dw-gateway", "1.2.0"))).contains("dw-firmware 2.0.0");
        assertThat(answer(gateway("dw-gateway", "1.1.9"))).contains("dw-firmware 1.3.0");
        assertThat(answer(gateway("dw-gateway", "1.5.0", "beta-channel", "1.0.0"))).contains("dw-firmware 2.1.0-beta.1");
        assertThat(answer(gateway("dw-gateway", "1.5.0", "dw-firmware", "2.0.0"))).isEmpty();
        assertThat(answer(gateway("dw-gateway", "1.1.0", "dw-firmware", "1.3.0"))).isEmpty();
        assertThat(answer(gateway("edge-box", "1.0.0"))).contains("edge-agent 0.9.0");
        assertThat(answer(gateway("edge-mini", "1.0.0"))).contains("edge-agent 0.8.0");
        assertThat(answer(gateway("edge-mini", "1.0.0", "edge-agent", "0.8.0"))).isEmpty();
        assertThat(answer(gateway("toaster", "9.9.9"))).isEmpty();
        assertThat(releases.newestFor(gateway("dw-gateway", "1.2.0"), Optional.of("edge-agent"))).isEmpty();
    }

    @Test
    void withdrawnOrReplacedRelease_isNoLongerOffered() throws Exception {
        publish("acme-config", "1.5.0", "true");
        publish("acme-config", "1.4.0", "true");
        DeviceDescription device = gateway("dw-gateway", "1.0.0");

        releases.withdraw("acme-config", "1.5.0");
        assertThat(answer(device)).contains("acme-config 1.4.0");
        // An upload over the file is not the release that was published.
        files.upload(TestSups.write(work, "acme-config", "1.4.0"));
        assertThat(answer(device)).isEmpty();
        assertThatThrownBy(() -> releases.withdraw("acme-config", "9.9.9")).hasMessage("no release acme-config 9.9.9");
    }

    @Test
    void fileDelete_isRefusedWhileAReleaseSendsIt() throws Exception {
        publish("acme-config", "1.5.0", "true");
        Deletions deletions = new Deletions(data, clock);

        assertThatThrownBy(() -> deletions.deleteDeveloperFile("acme-config-1.5.0.sup"))
                .isInstanceOf(RefusedException.class).hasMessageContaining("acme-config 1.5.0");
        releases.withdraw("acme-config", "1.5.0");
        deletions.deleteDeveloperFile("acme-config-1.5.0.sup");
        assertThat(files.find("acme-config-1.5.0.sup")).isEmpty();
    }
}
