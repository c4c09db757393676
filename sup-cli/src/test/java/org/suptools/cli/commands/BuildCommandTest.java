package org.suptools.cli.commands;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.suptools.cli.support.Keys;
import org.suptools.cli.support.Projects;
import org.suptools.cli.support.Sup;
import org.suptools.cli.support.Sup.Result;
import org.suptools.cli.support.Tamper;
import org.suptools.model.archive.ChunkIndex;
import org.suptools.model.archive.Sha256;

class BuildCommandTest {

    @TempDir
    Path temp;

    @Test
    void build_printsPathSizeAndSigners_andTheHashOnlyWhenAsked() throws Exception {
        Path key = Keys.ed25519(temp, "release");
        Path out = temp.resolve("out/app.sup");

        Result result = Sup.run("build", Projects.SAMPLE, "-o", out, "--key", Keys.privateKey(key));

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.out()).contains(out.toString(), Files.size(out) + " bytes", "(ed25519)")
                .doesNotContain("sha256");
        Result withDigest = Sup.run("build", Projects.SAMPLE, "-o", out, "--key", Keys.privateKey(key), "--digest");
        assertThat(withDigest.out()).contains(Sha256.ofFile(out));
    }

    @Test
    void build_isReproducible() {
        Path key = Keys.ed25519(temp, "release");
        Path first = temp.resolve("first.sup");
        Path second = temp.resolve("second.sup");

        Sup.run("build", Projects.SAMPLE, "-o", first, "--key", Keys.privateKey(key), "--source-date-epoch", "1700000000");
        Sup.run("build", Projects.SAMPLE, "-o", second, "--key", Keys.privateKey(key), "--source-date-epoch", "1700000000");

        assertThat(Tamper.bytes(second)).isEqualTo(Tamper.bytes(first));
    }

    @Test
    void build_changesWithTheSourceDateEpoch() throws Exception {
        Path first = temp.resolve("first.sup");
        Path second = temp.resolve("second.sup");

        Sup.run("build", Projects.SAMPLE, "-o", first, "--source-date-epoch", "1700000000");
        Sup.run("build", Projects.SAMPLE, "-o", second, "--source-date-epoch", "1700000002");

        assertThat(Tamper.bytes(second)).isNotEqualTo(Tamper.bytes(first));
        Result inspect = Sup.run("inspect", second, "--json");
        JsonNode manifest = new ObjectMapper().readTree(inspect.out()).get("manifest");
        assertThat(manifest.get("created").asText()).isEqualTo("2023-11-14T22:13:22Z");
    }

    @Test
    void json_describesThePackage() throws Exception {
        Path key = Keys.generate(temp, "release", "ecdsa-p256");

        Result result = Sup.run("build", Projects.SAMPLE, "-o", temp.resolve("a.sup"), "--key", Keys.privateKey(key),
                "--json");

        JsonNode json = new ObjectMapper().readTree(result.out());
        assertThat(json.get("file").asText()).endsWith("a.sup");
        assertThat(json.get("size").asLong()).isPositive();
        assertThat(json.get("sha256").asText()).hasSize(64);
        assertThat(json.get("name").asText()).isEqualTo("acme-runtime-config");
        assertThat(json.get("version").asText()).isEqualTo("1.4.0");
        assertThat(json.get("signatures").get(0).get("algorithm").asText()).isEqualTo("ecdsa-p256");
    }

    @Test
    void specWithErrors_exits1_andWritesNothing() {
        Path dir = Projects.write(temp.resolve("p"), "name: p\nversion: 1.0.0\nactions: []\n", "x\n");
        Path out = temp.resolve("p.sup");

        Result result = Sup.run("build", dir, "-o", out);

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).contains("sup: " + dir.resolve("sup.yaml") + ": targets: at least one target is required",
                "actions: at least one action is required");
        assertThat(out).doesNotExist();
    }

    @Test
    void failedBuild_leavesAnEarlierOutputUntouched_andNoPartialFile() throws Exception {
        Path out = temp.resolve("app.sup");
        Files.writeString(out, "earlier");

        Result result = Sup.run("build", Projects.SAMPLE, "-o", out, "--key", temp.resolve("no-such.key"));

        assertThat(result.exitCode()).isEqualTo(5);
        assertThat(Files.readString(out)).isEqualTo("earlier");
        try (var files = Files.list(temp)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("app.sup");
        }
    }

    @Test
    void aLargeRandomPayload_getsAChunkIndex_unlessNoChunkIndexIsAsked() throws Exception {
        Path dir = Projects.simple(temp.resolve("p"), "1.0.0", "a=1\n");
        byte[] image = new byte[(int) ChunkIndex.CHUNK_SIZE + 1];
        new Random(8).nextBytes(image);
        Files.write(dir.resolve("payload/image.bin"), image);

        Result indexed = Sup.run("build", dir, "-o", temp.resolve("indexed.sup"));
        Result plain = Sup.run("build", dir, "-o", temp.resolve("plain.sup"), "--no-chunk-index");

        assertThat(indexed.exitCode()).as(indexed.toString()).isZero();
        assertThat(plain.exitCode()).as(plain.toString()).isZero();
        assertThat(Sup.run("inspect", temp.resolve("indexed.sup")).out())
                .contains("payload/.sup-chunks/image.bin.json (chunk index of image.bin)");
        assertThat(Sup.run("inspect", temp.resolve("plain.sup")).out()).doesNotContain(".sup-chunks");
        assertThat(Sup.run("verify", temp.resolve("plain.sup"), "--no-trust").exitCode()).isZero();
        assertThat(Sup.run("verify", temp.resolve("indexed.sup"), "--no-trust").exitCode()).isZero();
    }

    @Test
    void payloadFileTheArchiveCannotName_isASpecError() throws Exception {
        Path dir = Projects.simple(temp.resolve("p"), "1.0.0", "a=1\n");
        Files.writeString(dir.resolve("payload/odd:name.txt"), "x");
        Path out = temp.resolve("p.sup");

        Result build = Sup.run("build", dir, "-o", out);
        Result validate = Sup.run("validate", dir);

        assertThat(build.exitCode()).as(build.toString()).isEqualTo(1);
        assertThat(build.err()).contains("payloads: 'payload/odd:name.txt' contains ':'");
        assertThat(out).doesNotExist();
        assertThat(validate.exitCode()).isEqualTo(1);
        assertThat(validate.out()).contains("error: payloads: 'payload/odd:name.txt'");
    }

    @Test
    void build_refusesToOverwriteItsInputs() {
        Path dir = Projects.simple(temp.resolve("p"), "1.0.0", "a=1\n");

        Result overSpec = Sup.run("build", dir, "-o", dir.resolve("sup.yaml"));
        Result overPayload = Sup.run("build", dir, "-o", dir.resolve("payload/app.conf"));
        Result intoPayloadDir = Sup.run("build", dir, "-o", dir.resolve("payload/new.sup"));

        assertThat(overSpec.exitCode()).isEqualTo(2);
        assertThat(overSpec.err()).contains("refusing to overwrite");
        assertThat(overPayload.exitCode()).isEqualTo(2);
        assertThat(intoPayloadDir.exitCode()).isEqualTo(2);
        assertThat(dir.resolve("payload/new.sup")).doesNotExist();
    }

    @Test
    void badKeyFile_isAnIoError() throws Exception {
        Path bad = temp.resolve("bad.key");
        Files.writeString(bad, "not a key\n");

        Result result = Sup.run("build", Projects.SAMPLE, "-o", temp.resolve("a.sup"), "--key", bad);

        assertThat(result.exitCode()).isEqualTo(5);
        assertThat(result.err()).startsWith("sup: " + bad);
    }

    @Test
    void badSourceDateEpoch_isAUsageError() {
        Result result = Sup.run("build", Projects.SAMPLE, "-o", temp.resolve("a.sup"), "--source-date-epoch", "soon");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("--source-date-epoch");
    }

    @Test
    void missingOutputOption_isAUsageError() {
        assertThat(Sup.run("build", Projects.SAMPLE).exitCode()).isEqualTo(2);
    }
}
