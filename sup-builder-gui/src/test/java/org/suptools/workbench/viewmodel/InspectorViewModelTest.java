package org.suptools.workbench.viewmodel;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.suptools.model.archive.ChunkIndex;
import org.suptools.model.signing.KeyAlgorithm;
import org.suptools.model.signing.KeyFiles;
import org.suptools.model.signing.KeyId;
import org.suptools.model.signing.KeyPairs;
import org.suptools.model.signing.PemKeys;
import org.suptools.workbench.TestPackages;

class InspectorViewModelTest {

    private final MainViewModel main = new MainViewModel(TestPackages.services());

    private Path built(Path dir, KeyFiles.Written key) throws Exception {
        main.open(TestPackages.copyAllActions(Files.createDirectories(dir.resolve("src"))));
        main.build().addKey(key.privateKeyFile());
        main.build().chooseOutput(dir.resolve("app.sup"));
        main.build().build();
        return dir.resolve("app.sup");
    }

    @Test
    void theFixedCreatedDateOfAReproducibleBuild_isExplained(@TempDir Path dir) throws Exception {
        KeyFiles.Written key = KeyFiles.write(dir.resolve("k"), KeyPairs.generate(KeyAlgorithm.ED25519));
        Path sup = built(dir, key);

        main.inspector().open(sup);

        assertThat(main.inspector().summaryProperty().get()).contains("Created: 1980-01-01T00:00:00Z (the fixed date "
                + "of a reproducible build");
    }

    @Test
    void openedPackage_showsManifestSignaturesWithTrustAndPayloads(@TempDir Path dir) throws Exception {
        KeyFiles.Written key = KeyFiles.write(dir.resolve("k"), KeyPairs.generate(KeyAlgorithm.ED25519));
        KeyFiles.Written other = KeyFiles.write(dir.resolve("other"), KeyPairs.generate(KeyAlgorithm.ED25519));
        Path sup = built(dir, key);
        String keyId = KeyId.of(PemKeys.readPublicKey(key.publicKeyFile()));

        main.open(sup);
        InspectorViewModel vm = main.inspector();

        assertThat(main.screenProperty().get()).isEqualTo(Screen.INSPECT);
        assertThat(vm.summaryProperty().get()).startsWith("acme-all-actions 1.4.0-rc.1+build.7");
        assertThat(vm.statusProperty().get()).startsWith("Verified");
        assertThat(vm.actions()).hasSize(16).first().asString().startsWith("1. stop  [runtime.stop]");
        assertThat(vm.payloads()).hasSize(8);
        assertThat(vm.signatures()).singleElement().asString().startsWith(keyId).contains("trust not checked");

        vm.useTrustStore(key.publicKeyFile());
        assertThat(vm.signatures()).singleElement().asString().endsWith("  trusted");
        vm.useTrustStore(other.publicKeyFile());
        assertThat(vm.signatures()).singleElement().asString().endsWith("NOT trusted");
    }

    @Test
    void convertToSpec_extractsThePayloadsAndOpensAnEditableSpecThatBuildsTheSameManifest(@TempDir Path dir) throws Exception {
        KeyFiles.Written key = KeyFiles.write(dir.resolve("k"), KeyPairs.generate(KeyAlgorithm.ED25519));
        Path sup = built(dir, key);
        var original = main.model().assembly().spec().orElseThrow();
        main.open(sup);

        main.inspector().convertToSpec(dir.resolve("converted"));

        assertThat(dir.resolve("converted/sup.yaml")).exists();
        assertThat(dir.resolve("converted/payload/scripts/setup.sh")).exists();
        assertThat(dir.resolve("converted/manifest.json")).doesNotExist();
        assertThat(main.model().specFile()).isEqualTo(dir.resolve("converted/sup.yaml"));
        assertThat(main.screenProperty().get()).isEqualTo(Screen.ACTIONS);
        assertThat(main.model().assembly().problems()).isEmpty();
        assertThat(main.model().assembly().spec()).contains(original);
    }

    @Test
    void aFileThatIsNoPackage_isReported(@TempDir Path dir) throws Exception {
        Path bogus = Files.writeString(dir.resolve("bogus.sup"), "not a zip");

        main.open(bogus);

        assertThat(main.inspector().summaryProperty().get()).startsWith("Cannot open");
        assertThat(main.inspector().openedProperty().get()).isNull();
    }

    @Test
    void convertToSpec_leavesTheChunkIndexOfALargePayloadWithThePackage(@TempDir Path dir) throws Exception {
        KeyFiles.Written key = KeyFiles.write(dir.resolve("k"), KeyPairs.generate(KeyAlgorithm.ED25519));
        Path src = TestPackages.copyAllActions(Files.createDirectories(dir.resolve("src")));
        Path payloads = src.resolveSibling("payload");
        byte[] image = new byte[(int) ChunkIndex.CHUNK_SIZE + 1];
        new java.util.Random(2).nextBytes(image);
        Files.write(payloads.resolve("image.bin"), image);
        main.open(src);
        main.build().addKey(key.privateKeyFile());
        main.build().chooseOutput(dir.resolve("app.sup"));
        main.build().build();
        main.open(dir.resolve("app.sup"));
        assertThat(main.inspector().payloads()).extracting(Object::toString)
                .anySatisfy(row -> assertThat(row).contains(".sup-chunks/image.bin.json", "(chunk index of image.bin)"));

        main.inspector().convertToSpec(dir.resolve("converted"));

        assertThat(dir.resolve("converted/payload/image.bin")).hasBinaryContent(image);
        assertThat(dir.resolve("converted/payload/.sup-chunks")).doesNotExist();
        assertThat(main.model().assembly().problems()).noneMatch(problem -> problem.isError());
    }
}
