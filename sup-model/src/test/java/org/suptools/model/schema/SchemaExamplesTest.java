package org.suptools.model.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.suptools.model.schema.SupFile.MANIFEST;
import static org.suptools.model.schema.SupFile.SPEC;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.suptools.model.action.Action;
import org.suptools.model.action.FieldValue;
import org.suptools.model.json.SupJson;
import org.suptools.model.manifest.Manifest;
import org.suptools.model.manifest.PayloadFile;
import org.suptools.model.spec.PackageSpec;
import org.suptools.model.spec.SpecFiles;

/** The example spec with every action type, and the manifest built from it, are valid by the schemas. */
class SchemaExamplesTest {

    private static final Path EXAMPLE = resource("/specs/all-actions/sup.yaml");

    @Test
    void exampleSpec_asWritten_isValid() {
        assertThat(SPEC.schemaErrors(SupFile.readYaml(EXAMPLE))).isEmpty();
    }

    @Test
    void exampleSpec_asTheModelWritesItInJson_isValid() throws Exception {
        PackageSpec spec = SpecFiles.parse(EXAMPLE);

        assertThat(SPEC.schemaErrors(SupJson.json().readTree(SupJson.canonicalBytes(spec)))).isEmpty();
    }

    @Test
    void exampleSpec_asTheModelWritesItInYaml_isValid() throws Exception {
        PackageSpec spec = SpecFiles.parse(EXAMPLE);

        assertThat(SPEC.schemaErrors(SupJson.yaml().readTree(SupJson.yaml().writeValueAsBytes(spec)))).isEmpty();
    }

    @Test
    void manifestOfTheExampleSpec_isValid() throws Exception {
        PackageSpec spec = SpecFiles.parse(EXAMPLE);
        Manifest manifest = new Manifest(Manifest.FORMAT_VERSION, spec.name(), spec.version(), spec.description(),
                spec.vendor(), Instant.parse("2026-01-01T00:00:00Z"), spec.expires(), spec.targets(), spec.requires(),
                spec.allowDowngrade(), spec.failurePolicy(), fakePayloads(spec.actions()), spec.actions());

        JsonNode written = SupJson.json().readTree(SupJson.canonicalBytes(manifest));

        assertThat(written.path("actions")).hasSize(spec.actions().size());
        assertThat(MANIFEST.schemaErrors(written)).isEmpty();
    }

    /** One entry per payload the actions read; sizes and hashes are made up, the schema only checks their form. */
    private static List<PayloadFile> fakePayloads(List<Action> actions) {
        TreeSet<String> names = new TreeSet<>();
        actions.forEach(action -> action.payloadReferences().stream().map(FieldValue::value).forEach(names::add));
        return names.stream()
                .map(name -> new PayloadFile(PayloadFile.PREFIX + name, name.length(), sha256(name)))
                .toList();
    }

    private static String sha256(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Path resource(String name) {
        try {
            return Path.of(SchemaExamplesTest.class.getResource(name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
