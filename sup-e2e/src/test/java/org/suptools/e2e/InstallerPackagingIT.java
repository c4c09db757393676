package org.suptools.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.suptools.e2e.Launchers.ROOT;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.suptools.e2e.Launchers.Result;

/**
 * The installer as it ships carries no demo code: neither its jar nor any jar of target/lib (what
 * bin/sup-installer runs with) holds a class of sample-packages, and it has no sandbox command:
 * the sandbox is bin/sup-sandbox's.
 */
class InstallerPackagingIT {

    static final Path INSTALLER = ROOT.resolve("sup-installer/target");

    @TempDir
    Path work;

    @BeforeAll
    static void freshJars() throws Exception {
        Launchers.seeFreshJars();
    }

    @Test
    void installerJarAndLibs_holdNoSampleClasses() throws IOException {
        List<Path> jars;
        try (Stream<Path> lib = Files.list(INSTALLER.resolve("lib"))) {
            jars = Stream.concat(Stream.of(INSTALLER.resolve("sup-installer.jar")), lib).sorted().toList();
        }

        assertThat(jars).extracting(jar -> jar.getFileName().toString())
                .contains("sup-installer.jar", "sup-model-0.1.0-SNAPSHOT.jar")
                .noneMatch(name -> name.startsWith("sample-"));
        for (Path jar : jars) {
            try (JarFile file = new JarFile(jar.toFile())) {
                assertThat(file.stream().map(entry -> entry.getName()))
                        .as(jar.toString()).noneMatch(name -> name.startsWith("org/suptools/samples/"));
            }
        }
    }

    @Test
    void installer_hasNoSandboxCommand_supSandboxMakesTheGateway() throws Exception {
        Result gone = Launchers.installer("sandbox", work.resolve("gw").toString(), "--no-start");

        assertThat(gone.exit()).as(gone.output()).isEqualTo(2);
        assertThat(gone.output()).contains("Unmatched arguments");
        assertThat(work.resolve("gw")).doesNotExist();

        Result sandbox = Launchers.sandbox(work.resolve("gw").toString(), "--no-start");
        assertThat(sandbox.exit()).as(sandbox.output()).isZero();
        assertThat(sandbox.output()).contains("sandbox gateway: " + work.resolve("gw/gateway.yaml"));
        Result check = Launchers.installer("check-config", "--config", work.resolve("gw/gateway.yaml").toString());
        assertThat(check.exit()).as(check.output()).isZero();
    }
}
