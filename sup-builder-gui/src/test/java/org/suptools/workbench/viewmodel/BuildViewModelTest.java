package org.suptools.workbench.viewmodel;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.suptools.model.archive.ArchiveOptions;
import org.suptools.model.archive.ProgressListener;
import org.suptools.model.packaging.PackageBuilder;
import org.suptools.model.packaging.PackageVerifier;
import org.suptools.model.packaging.VerifyOptions;
import org.suptools.model.signing.KeyAlgorithm;
import org.suptools.model.signing.KeyFiles;
import org.suptools.model.signing.KeyId;
import org.suptools.model.signing.KeyPairs;
import org.suptools.model.signing.PemKeys;
import org.suptools.model.signing.TrustStore;
import org.suptools.model.spec.SpecFiles;
import org.suptools.workbench.TestPackages;

class BuildViewModelTest {

    private final MainViewModel main = new MainViewModel(TestPackages.services());
    private final BuildViewModel vm = main.build();

    @Test
    void build_isRefusedWhileThereAreErrors_orNoDirectory() {
        assertThat(vm.canBuildBinding().get()).isFalse();
        assertThat(vm.blockerProperty().get()).contains("Save the package first");
    }

    @Test
    void aNewErrorClearsThePreviousBuildsResult_soNoBuiltLineStaysUnderIt(@TempDir Path dir) throws Exception {
        main.open(TestPackages.copyAllActions(dir.resolve("pkg")));
        vm.build();
        assertThat(vm.resultTextProperty().get()).startsWith("Built ");

        main.metadata().text("version").set("1.0");

        assertThat(vm.blockerProperty().get()).isEqualTo("Fix the error listed under Problems first.");
        assertThat(vm.resultTextProperty().get()).doesNotContain("Built");
        assertThat(vm.resultProperty().get()).isNull();
    }

    @Test
    void build_signsAndMakesTheSameBytesAsThePackageBuilder(@TempDir Path dir) throws Exception {
        Path spec = TestPackages.copyAllActions(dir.resolve("pkg"));
        main.open(spec);
        KeyFiles.Written key = KeyFiles.write(dir.resolve("release"), KeyPairs.generate(KeyAlgorithm.ED25519));
        vm.addKey(key.privateKeyFile());
        assertThat(vm.outputProperty().get()).isEqualTo(dir.resolve("pkg/acme-all-actions-1.4.0-rc.1+build.7.sup"));
        Path out = dir.resolve("out.sup");
        vm.chooseOutput(out);

        vm.build();

        assertThat(vm.resultProperty().get()).isNotNull();
        assertThat(vm.progressProperty().get()).isEqualTo(1.0);
        assertThat(vm.resultTextProperty().get()).contains("SHA-256: " + vm.resultProperty().get().sha256().orElseThrow())
                .contains(KeyId.of(PemKeys.readPublicKey(key.publicKeyFile())));
        Path reference = dir.resolve("reference.sup");
        new PackageBuilder(ArchiveOptions.fromEnvironment(), ProgressListener.NONE)
                .build(SpecFiles.loadValid(spec, TestPackages.CLOCK.instant()), reference,
                        List.of(PemKeys.readPrivateKey(key.privateKeyFile())));
        assertThat(Files.readAllBytes(out)).isEqualTo(Files.readAllBytes(reference));
        var verified = new PackageVerifier(VerifyOptions.trusting(TrustStore.load(key.publicKeyFile()),
                TestPackages.CLOCK.instant())).verify(out, ProgressListener.NONE);
        assertThat(verified.manifest().actions()).hasSize(16);
    }

    @Test
    void inspect_afterABuild_opensTheBuiltPackageOnTheInspectScreen_andKeepsTheSpecOpen(@TempDir Path dir)
            throws Exception {
        Path spec = TestPackages.copyAllActions(dir.resolve("pkg"));
        main.open(spec);
        assertThat(vm.canInspectBinding().get()).isFalse();
        vm.chooseOutput(dir.resolve("out.sup"));
        vm.build();
        assertThat(vm.canInspectBinding().get()).isTrue();

        vm.inspectBuilt();

        assertThat(main.screenProperty().get()).isEqualTo(Screen.INSPECT);
        assertThat(main.inspector().openedProperty().get().file()).isEqualTo(dir.resolve("out.sup"));
        assertThat(main.inspector().openedProperty().get().manifest().actions()).hasSize(16);
        assertThat(main.model().specFile()).isEqualTo(spec.toAbsolutePath());
        assertThat(main.inspectingOnlyProperty().get()).isFalse();
    }

    @Test
    void apply_afterABuild_choosesTheBuiltPackageOnThePackagesScreen_theGatewayAsItWas(@TempDir Path dir)
            throws Exception {
        main.open(TestPackages.copyAllActions(dir.resolve("pkg")));
        Path gateway = dir.resolve("gw.yaml");
        main.apply().configFileProperty().set(gateway);
        vm.chooseOutput(dir.resolve("out.sup"));
        vm.applyBuilt();
        assertThat(main.apply().packageFileProperty().get()).isNull();

        vm.build();
        vm.applyBuilt();

        assertThat(main.screenProperty().get()).isEqualTo(Screen.APPLY);
        assertThat(main.apply().packageFileProperty().get()).isEqualTo(dir.resolve("out.sup"));
        assertThat(main.apply().configFileProperty().get()).isEqualTo(gateway);
        assertThat(main.inspectingOnlyProperty().get()).isFalse();
    }

    @Test
    void log_listsEachBuildsSteps_hashedSignedWritten_andKeepsEveryBuildOfTheSession(@TempDir Path dir)
            throws Exception {
        main.open(TestPackages.copyAllActions(dir.resolve("pkg")));
        KeyFiles.Written key = KeyFiles.write(dir.resolve("release"), KeyPairs.generate(KeyAlgorithm.ED25519));
        vm.addKey(key.privateKeyFile());
        vm.chooseOutput(dir.resolve("out.sup"));

        vm.build();
        vm.build();

        var built = vm.resultProperty().get();
        String keyId = KeyId.of(PemKeys.readPublicKey(key.publicKeyFile()));
        String at = "2026-06-01T00:00:00Z ";
        var payload = built.manifest().payloads().get(0);
        assertThat(vm.log()).filteredOn(l -> l.contains(" build acme-all-actions 1.4.0-rc.1+build.7 from ")).hasSize(2);
        assertThat(vm.log()).contains(
                at + "  hashed " + payload.path() + ": " + payload.size() + " bytes, SHA-256 " + payload.sha256(),
                at + "  signed the manifest with key " + keyId + " (ed25519)",
                at + "  wrote " + ShownPath.of(dir.resolve("out.sup")) + ": " + built.size() + " bytes, SHA-256 "
                        + built.sha256().orElseThrow(),
                at + "  done in 0 ms");
        assertThat(vm.log()).filteredOn(l -> l.contains(" hashed ")).hasSize(2 * built.manifest().payloads().size());
        assertThat(vm.logText()).startsWith(vm.log().get(0) + "\n").endsWith("done in 0 ms\n");
    }

    @Test
    void log_saysWhenABuildFailed(@TempDir Path dir) throws Exception {
        main.open(TestPackages.copyAllActions(dir));
        vm.chooseOutput(Files.writeString(dir.resolve("not-a-folder"), "a file\n").resolve("out.sup"));

        vm.build();

        assertThat(vm.log()).hasSize(2);
        assertThat(vm.log().get(1)).startsWith("2026-06-01T00:00:00Z   failed after 0 ms: ").contains("not-a-folder");
    }

    @Test
    void aFailedBuild_saysWhy(@TempDir Path dir) throws Exception {
        main.open(TestPackages.copyAllActions(dir));
        vm.chooseOutput(Files.writeString(dir.resolve("not-a-folder"), "a file\n").resolve("out.sup"));

        vm.build();

        assertThat(vm.resultProperty().get()).isNull();
        assertThat(vm.resultTextProperty().get()).startsWith("Build failed:").contains("not-a-folder");
        assertThat(vm.runningProperty().get()).isFalse();
    }
}
