package org.suptools.cli.commands;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.suptools.cli.support.Keys;
import org.suptools.cli.support.Projects;
import org.suptools.cli.support.Sup;
import org.suptools.cli.support.Sup.Result;
import org.suptools.cli.support.Tamper;

class InspectCommandTest {

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
    void humanView_showsMetadataActionsPayloadsAndSignatures() {
        Result result = Sup.run("inspect", sup);

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.out()).contains("acme-runtime-config 1.4.0", "Acme Industrial",
                "dw-gateway/linux/*", "rollback", "expires     never");
        assertThat(result.out()).contains("Actions (3)", "1  logging-config  file.copy", "http-port",
                "runtime.restart");
        assertThat(result.out()).contains("Payloads (1", "payload/logging.properties", "deflated");
        assertThat(result.out()).contains("Signatures (1)", "ed25519").doesNotContain("TRUST");
    }

    @Test
    void aPackageBuiltWithoutADate_saysWhyItsDateIs1980() {
        assertThat(Sup.run("inspect", sup).out()).contains("created     1980-01-01T00:00:00Z (the fixed date of a"
                + " reproducible build: built without --source-date-epoch or SOURCE_DATE_EPOCH)");

        Path dated = temp.resolve("dated.sup");
        Sup.run("build", Projects.SAMPLE, "-o", dated, "--key", Keys.privateKey(key), "-q",
                "--source-date-epoch", "1767225600");
        assertThat(Sup.run("inspect", dated).out()).contains("created     2026-01-01T00:00:00Z\n");
    }

    @Test
    void trust_marksEachSignature() {
        Path other = Keys.ed25519(temp, "other");

        assertThat(Sup.run("inspect", sup, "--trust", Keys.publicKey(key)).out()).contains("trusted");
        assertThat(Sup.run("inspect", sup, "--trust", Keys.publicKey(other)).out()).contains("untrusted");
    }

    @Test
    void json_isParseable_withTheDocumentedFields() throws Exception {
        Result result = Sup.run("inspect", sup, "--json");

        JsonNode json = new ObjectMapper().readTree(result.out());
        List<String> fields = new ArrayList<>();
        json.fieldNames().forEachRemaining(fields::add);
        assertThat(fields).containsExactly("file", "size", "sha256", "manifest", "signatures", "entries");
        assertThat(json.get("size").asLong()).isEqualTo(Files.size(sup));
        assertThat(json.get("manifest").get("name").asText()).isEqualTo("acme-runtime-config");
        assertThat(json.get("signatures").get(0).get("algorithm").asText()).isEqualTo("ed25519");
        assertThat(json.get("entries").get(0).get("name").asText()).isEqualTo("manifest.json");
        assertThat(json.get("entries").get(0).get("method").asText()).isEqualTo("stored");
        assertThat(json.get("entries").get(2).get("method").asText()).isEqualTo("deflated");
    }

    @Test
    void json_manifestIsThePackagesManifestAsIs() throws Exception {
        Path extracted = temp.resolve("x");
        Sup.run("extract", sup, "-d", extracted);
        ObjectMapper mapper = new ObjectMapper();

        JsonNode shown = mapper.readTree(Sup.run("inspect", sup, "--json").out()).get("manifest");

        assertThat(shown).isEqualTo(mapper.readTree(extracted.resolve("manifest.json").toFile()));
    }

    @Test
    void json_isStable() {
        assertThat(Sup.run("inspect", sup, "--json").out()).isEqualTo(Sup.run("inspect", sup, "--json").out());
    }

    @Test
    void inspect_doesNotHashPayloads_soATamperedPayloadStillShows() {
        Tamper.flipPayloadByte(sup, "payload/logging.properties");

        assertThat(Sup.run("inspect", sup).exitCode()).isZero();
    }

    @Test
    void notAPackage_exits1() throws Exception {
        Path fake = temp.resolve("fake.sup");
        Files.writeString(fake, "hello");

        assertThat(Sup.run("inspect", fake).exitCode()).isEqualTo(1);
    }
}
