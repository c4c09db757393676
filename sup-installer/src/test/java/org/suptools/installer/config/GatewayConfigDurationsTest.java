package org.suptools.installer.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.suptools.installer.testing.TestPackages;
import org.suptools.model.gateway.ConfigException;

/**
 * The gateway config's durations are read by the same parser as a package's timeouts, and bounded
 * the same way: up to 24 hours, above it refused naming the field, never an overflow.
 */
class GatewayConfigDurationsTest {

    @TempDir
    Path dir;

    /** The runtime home and a trust store with one key exist, as on a gateway. */
    @BeforeEach
    void gateway() throws Exception {
        Files.createDirectories(dir.resolve("dwcore"));
        TestPackages.writePublicKey(dir.resolve("keys"), "ci", TestPackages.TRUSTED);
    }

    private Path config(String field, String value) throws Exception {
        String runtime = field.startsWith("runtime.") ? "  " + field.substring("runtime.".length()) + ": " + value + "\n"
                : "";
        String top = field.startsWith("runtime.") ? "" : field + ": " + value + "\n";
        return Files.writeString(dir.resolve("gateway.yaml"), GatewayConfigLoaderTest.MINIMAL + runtime + top);
    }

    @ParameterizedTest
    @ValueSource(strings = {"runtime.commandTimeout", "runtime.healthWait", "defaultActionTimeout"})
    void durationsUpTo24Hours_areAccepted(String field) throws Exception {
        GatewayConfig config = GatewayConfigLoader.load(config(field, "24h"));

        Duration read = switch (field) {
            case "runtime.commandTimeout" -> config.runtime().commandTimeout();
            case "runtime.healthWait" -> config.runtime().healthWait();
            default -> config.defaultActionTimeout();
        };
        assertThat(read).isEqualTo(Duration.ofHours(24));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2562048h", "999999999h", "9300000000", "25h"})
    void durationsAbove24Hours_areRefused_namingTheFieldAndTheMaximum(String value) throws Exception {
        for (String field : new String[] {"runtime.commandTimeout", "runtime.healthWait", "defaultActionTimeout"}) {
            Path file = config(field, value);

            assertThatThrownBy(() -> GatewayConfigLoader.load(file)).as(field).isInstanceOf(ConfigException.class)
                    .hasMessageContaining(field + ": must be at most 24h")
                    .hasMessageNotContaining("overflow");
        }
    }
}
