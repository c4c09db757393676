package org.suptools.workbench.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The build runs the tests with a config folder and a home of its own (sup-builder-gui/pom.xml):
 * a test that reaches the Workbench's default config folder by mistake writes into target, never
 * into the gateways, tokens or recent files of the user running the build.
 */
class TestRunConfigTest {

    private static final Path BUILD = Path.of("target").toAbsolutePath().normalize();

    @Test
    void theWorkbenchsConfigFolder_isTheBuildsDuringTests() {
        assertThat(GatewayBook.inUserConfig().dir().toAbsolutePath().normalize()).startsWithRaw(BUILD);
    }

    @Test
    void theHomeOfTheTests_isTheBuilds() {
        assertThat(Path.of(System.getProperty("user.home")).toAbsolutePath().normalize()).startsWithRaw(BUILD);
    }
}
