package org.suptools.cli.commands;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.suptools.cli.support.Keys;
import org.suptools.cli.support.Projects;
import org.suptools.cli.support.Sup;
import org.suptools.cli.support.Sup.Result;
import org.suptools.cli.support.Tamper;

class ExtractCommandTest {

    @TempDir
    Path temp;

    private Path key;
    private Path sup;

    @BeforeEach
    void buildSample() {
        key = Keys.ed25519(temp, "release");
        sup = temp.resolve("sample.sup");
        Sup.run("build", Projects.SAMPLE, "-o", sup, "--key", Keys.privateKey(key), "-q");
    }

    @Test
    void extract_writesManifestSignaturesAndPayloads() throws Exception {
        Path dir = temp.resolve("out");

        Result result = Sup.run("extract", sup, "-d", dir);

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(dir.resolve("manifest.json")).isRegularFile();
        assertThat(dir.resolve("signatures.json")).isRegularFile();
        assertThat(Files.readString(dir.resolve("payload/logging.properties")))
                .isEqualTo(Files.readString(Projects.SAMPLE.resolve("payload/logging.properties")));
    }

    @Test
    void extract_intoAnEmptyDirectory_works() throws Exception {
        Path dir = Files.createDirectory(temp.resolve("empty"));

        assertThat(Sup.run("extract", sup, "-d", dir).exitCode()).isZero();
    }

    @Test
    void extract_refusesANonEmptyDirectory() throws Exception {
        Path dir = Files.createDirectory(temp.resolve("full"));
        Files.writeString(dir.resolve("mine.txt"), "keep");

        Result result = Sup.run("extract", sup, "-d", dir);

        assertThat(result.exitCode()).isEqualTo(5);
        assertThat(result.err()).contains(dir.toString(), "not empty");
        try (var files = Files.list(dir)) {
            assertThat(files).containsExactly(dir.resolve("mine.txt"));
        }
    }

    @Test
    void tamperedPackage_leavesNothingBehind() {
        Tamper.flipPayloadByte(sup, "payload/logging.properties");
        Path dir = temp.resolve("out");

        Result result = Sup.run("extract", sup, "-d", dir);

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(dir.resolve("payload/logging.properties")).doesNotExist();
        assertThat(dir.resolve("manifest.json")).doesNotExist();
    }

    @Test
    void trust_isCheckedBeforeExtracting() {
        Path other = Keys.ed25519(temp, "other");
        Path dir = temp.resolve("out");

        Result result = Sup.run("extract", sup, "-d", dir, "--trust", Keys.publicKey(other));

        assertThat(result.exitCode()).isEqualTo(3);
        assertThat(dir.resolve("manifest.json")).doesNotExist();
    }
}
