package org.suptools.samples.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RuntimeHomeLayoutTest {

    @TempDir
    Path dir;

    @Test
    void create_laysOutConfigurationRuntimeTreeLogsAndRun() throws IOException {
        Path home = RuntimeHomeLayout.create(dir.resolve("dwcore"), "1.2.3");

        assertThat(home).isAbsolute();
        assertThat(home.resolve("conf/dwcore.properties")).content()
                .contains("dw.http.port=8081", "dw.log.level=WARN", "dw.debug=false", "# ");
        assertThat(home.resolve("conf/dwcore.user.properties")).content().contains("dw.debug=true");
        assertThat(home.resolve("runtime/VERSION")).hasContent("1.2.3");
        assertThat(home.resolve("runtime/HEALTH_FAIL")).doesNotExist();
        assertThat(home.resolve("logs")).isEmptyDirectory();
        assertThat(home.resolve("run")).isEmptyDirectory();
        assertThat(Files.isExecutable(home.resolve(RuntimeHomeLayout.CTL))).isTrue();
        assertThat(home.resolve(RuntimeHomeLayout.CTL)).binaryContent().isEqualTo(sourceScript());
        assertThat(mainClassOf(Files.readAllBytes(home.resolve(RuntimeHomeLayout.JAR))))
                .isEqualTo(SampleRuntime.class.getName());
    }

    @Test
    void runtimeJar_holdsTheRuntimeClasses() throws IOException {
        List<String> names = new ArrayList<>();
        try (JarInputStream jar = new JarInputStream(new ByteArrayInputStream(RuntimeHomeLayout.runtimeJar()))) {
            for (var entry = jar.getNextJarEntry(); entry != null; entry = jar.getNextJarEntry()) {
                names.add(entry.getName());
            }
        }
        assertThat(names).contains(
                "org/suptools/samples/runtime/SampleRuntime.class",
                "org/suptools/samples/runtime/RuntimeProperties.class",
                "org/suptools/samples/runtime/bin/runtime-ctl");
    }

    @Test
    void command_namesTheHomesControlScript() {
        Path home = dir.resolve("dwcore").toAbsolutePath();

        assertThat(RuntimeHomeLayout.command(home, "status"))
                .containsExactly(home.resolve("runtime/bin/runtime-ctl").toString(), "status", home.toString());
    }

    @Test
    void firmwareArchive_holdsARuntimeTreeInFixedOrderWithModes() throws IOException {
        Path archive = RuntimeHomeLayout.firmwareArchive(dir.resolve("fw/runtime-2.0.0.tar.gz"), "2.0.0", true);

        Map<String, TarArchiveEntry> entries = entries(archive);
        assertThat(entries.keySet()).containsExactly("VERSION", "bin/", "bin/runtime-ctl", "lib/", "lib/sample-runtime.jar");
        assertThat(entries.get("bin/runtime-ctl").getMode() & 0777).isEqualTo(0755);
        assertThat(entries.get("lib/sample-runtime.jar").getMode() & 0777).isEqualTo(0644);
        assertThat(entries.get("bin/").isDirectory()).isTrue();
        assertThat(read(archive, "VERSION")).isEqualTo("2.0.0\n");
        assertThat(mainClassOf(readBytes(archive, "lib/sample-runtime.jar"))).isEqualTo(SampleRuntime.class.getName());
    }

    @Test
    void firmwareArchive_ofABrokenFirmwareCarriesHealthFail() throws IOException {
        Path archive = RuntimeHomeLayout.firmwareArchive(dir.resolve("broken.tar.gz"), "2.0.0", false);

        assertThat(entries(archive).keySet()).startsWith("HEALTH_FAIL").contains("VERSION");
    }

    @Test
    void firmwareArchive_isByteReproducible() throws IOException {
        Path first = RuntimeHomeLayout.firmwareArchive(dir.resolve("a.tar.gz"), "2.0.0", true);
        Path second = RuntimeHomeLayout.firmwareArchive(dir.resolve("b.tar.gz"), "2.0.0", true);

        assertThat(first).hasSameBinaryContentAs(second);
    }

    @Test
    void runtimeTree_unhealthyThenHealthyRemovesHealthFail() throws IOException {
        Path tree = dir.resolve("runtime");
        RuntimeHomeLayout.runtimeTree(tree, "3.0.0", false);
        assertThat(tree.resolve("HEALTH_FAIL")).exists();

        RuntimeHomeLayout.runtimeTree(tree, "3.0.0", true);
        assertThat(tree.resolve("HEALTH_FAIL")).doesNotExist();
    }

    private static byte[] sourceScript() throws IOException {
        return Files.readAllBytes(Path.of("runtime/bin/runtime-ctl"));
    }

    private static String mainClassOf(byte[] jarBytes) throws IOException {
        try (JarInputStream jar = new JarInputStream(new ByteArrayInputStream(jarBytes))) {
            return jar.getManifest().getMainAttributes().getValue(Attributes.Name.MAIN_CLASS);
        }
    }

    private static Map<String, TarArchiveEntry> entries(Path archive) throws IOException {
        Map<String, TarArchiveEntry> entries = new LinkedHashMap<>();
        try (TarArchiveInputStream tar = open(archive)) {
            for (TarArchiveEntry entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
                entries.put(entry.getName(), entry);
            }
        }
        return entries;
    }

    private static String read(Path archive, String name) throws IOException {
        return new String(readBytes(archive, name), StandardCharsets.UTF_8);
    }

    private static byte[] readBytes(Path archive, String name) throws IOException {
        try (TarArchiveInputStream tar = open(archive)) {
            for (TarArchiveEntry entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
                if (entry.getName().equals(name)) {
                    return tar.readAllBytes();
                }
            }
        }
        throw new AssertionError(name + " not in " + archive);
    }

    private static TarArchiveInputStream open(Path archive) throws IOException {
        InputStream in = Files.newInputStream(archive);
        return new TarArchiveInputStream(new GzipCompressorInputStream(in));
    }
}
