package org.suptools.workbench.viewmodel;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.suptools.model.archive.ProgressListener;
import org.suptools.model.packaging.PackageVerifier;
import org.suptools.model.packaging.VerifyOptions;
import org.suptools.model.signing.KeyAlgorithm;
import org.suptools.model.signing.KeyFiles;
import org.suptools.model.signing.KeyId;
import org.suptools.model.signing.KeyPairs;
import org.suptools.model.signing.PemKeys;
import org.suptools.model.signing.TrustStore;
import org.suptools.workbench.TestPackages;
import org.suptools.workbench.service.BackgroundRunner;
import org.suptools.workbench.service.KeyFileState;
import org.suptools.workbench.service.KeyRing;

/** The Build tab's key ring, with a config folder of the test's own standing in for ~/.config/sup-workbench. */
class SigningKeysViewModelTest {

    @TempDir
    Path dir;

    private Path config() {
        return dir.resolve("config/sup-workbench");
    }

    /** A Workbench started (again) on the same config folder. */
    private SigningKeysViewModel start() {
        return new SigningKeysViewModel(new KeyRing(config()), BackgroundRunner.IN_PLACE);
    }

    private static String keyIdOf(Path publicKey) throws Exception {
        return KeyId.of(PemKeys.readPublicKey(publicKey));
    }

    @Test
    void newKey_isMadeInTheKeysFolder_andRememberedAcrossARestart_byKeyIdAlgorithmAndLabel() throws Exception {
        SigningKeysViewModel vm = start();
        Path base = vm.suggestedBase("Release 2026").orElseThrow();
        assertThat(base).isEqualTo(config().resolve("keys/release-2026"));

        vm.create(base, KeyAlgorithm.ED25519, "Release 2026");

        String keyId = keyIdOf(config().resolve("keys/release-2026.pub"));
        SigningKeysViewModel restarted = start();
        assertThat(restarted.rows()).singleElement().satisfies(row -> {
            assertThat(row.keyId()).isEqualTo(keyId);
            assertThat(row.algorithm()).isEqualTo("ed25519");
            assertThat(row.label()).isEqualTo("Release 2026");
            assertThat(row.key().file()).isEqualTo(config().resolve("keys/release-2026.key"));
            assertThat(row.state()).isEqualTo(KeyFileState.READY);
            assertThat(row.signsProperty().get()).isTrue();
        });
        assertThat(vm.messageProperty().get()).startsWith("Made key " + keyId + " (ed25519) in ");
        assertThat(Files.readString(config().resolve("keys.json"))).contains(keyId).doesNotContain("PRIVATE KEY");
    }

    @Test
    void everyAlgorithmOfSupKeygen_canBeMade() {
        SigningKeysViewModel vm = start();
        for (KeyAlgorithm algorithm : SigningKeysViewModel.ALGORITHMS) {
            vm.create(vm.suggestedBase(algorithm.id()).orElseThrow(), algorithm, algorithm.id());
        }

        assertThat(start().rows()).extracting(SigningKeyRow::algorithm).containsExactly("ed25519", "ecdsa-p256", "rsa-pss");
        assertThat(start().rows()).allMatch(row -> row.state().ready());
    }

    @Test
    void newKey_neverOverwritesAFile_andRemembersNothingThen() throws Exception {
        Path keys = Files.createDirectories(config().resolve("keys"));
        Path existing = Files.writeString(keys.resolve("release.key"), "the user's own file\n");
        SigningKeysViewModel vm = start();

        vm.create(keys.resolve("release"), KeyAlgorithm.ED25519, "release");

        assertThat(Files.readString(existing)).isEqualTo("the user's own file\n");
        assertThat(keys.resolve("release.pub")).doesNotExist();
        assertThat(vm.messageProperty().get()).startsWith("Key not made: ").contains("release.key")
                .contains("refusing to overwrite");
        assertThat(start().rows()).isEmpty();
        assertThat(vm.suggestedBase("release")).contains(keys.resolve("release-2"));
    }

    @Test
    void addKey_remembersTheFileWhereItIs_withoutCopyingIt() throws Exception {
        KeyFiles.Written mine = KeyFiles.write(Files.createDirectories(dir.resolve("mine")).resolve("ci-signer"), KeyPairs.generate(KeyAlgorithm.ECDSA_P256));
        SigningKeysViewModel vm = start();

        assertThat(vm.add(mine.privateKeyFile())).isTrue();

        assertThat(start().rows()).singleElement().satisfies(row -> {
            assertThat(row.keyId()).isEqualTo(keyIdOf(mine.publicKeyFile()));
            assertThat(row.algorithm()).isEqualTo("ecdsa-p256");
            assertThat(row.label()).isEqualTo("ci-signer");
            assertThat(row.key().file()).isEqualTo(mine.privateKeyFile());
        });
        assertThat(config().resolve("keys")).doesNotExist();
        try (var files = Files.list(config())) {
            assertThat(files).extracting(p -> p.getFileName().toString()).containsExactly("keys.json");
        }
    }

    @Test
    void addKey_aFileThatIsNoKey_isRefusedNamingTheFile_andNothingIsRemembered() throws Exception {
        Path bad = Files.writeString(dir.resolve("notes.pem"), "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n");
        SigningKeysViewModel vm = start();

        assertThat(vm.add(bad)).isFalse();

        assertThat(vm.messageProperty().get()).startsWith("Key not added: ").contains("notes.pem")
                .contains("not a PEM private key");
        assertThat(vm.rows()).isEmpty();
        assertThat(config().resolve("keys.json")).doesNotExist();
        assertThat(start().rows()).isEmpty();
    }

    @Test
    void addKey_theSameKeyTwice_isRefused_evenFromAnotherFile() throws Exception {
        KeyFiles.Written mine = KeyFiles.write(dir.resolve("release"), KeyPairs.generate(KeyAlgorithm.ED25519));
        Path copy = Files.copy(mine.privateKeyFile(), dir.resolve("copy.key"));
        SigningKeysViewModel vm = start();
        vm.add(mine.privateKeyFile());

        assertThat(vm.add(copy)).isFalse();

        assertThat(vm.messageProperty().get()).contains("copy.key").contains("is already in the list as 'release'");
        assertThat(start().rows()).hasSize(1);
    }

    @Test
    void aKeyWhoseFileIsGone_orHoldsAnotherKeyNow_isShownSo() throws Exception {
        KeyFiles.Written gone = KeyFiles.write(dir.resolve("gone"), KeyPairs.generate(KeyAlgorithm.ED25519));
        KeyFiles.Written swapped = KeyFiles.write(dir.resolve("swapped"), KeyPairs.generate(KeyAlgorithm.ED25519));
        KeyFiles.Written other = KeyFiles.write(dir.resolve("other"), KeyPairs.generate(KeyAlgorithm.ED25519));
        SigningKeysViewModel vm = start();
        vm.add(gone.privateKeyFile());
        vm.add(swapped.privateKeyFile());

        Files.delete(gone.privateKeyFile());
        Files.copy(other.privateKeyFile(), swapped.privateKeyFile(), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        vm.refresh();

        assertThat(vm.rows()).extracting(row -> row.state().shown())
                .containsExactly("file gone", "changed: the file holds key " + keyIdOf(other.publicKeyFile()) + " now");
        assertThat(vm.rows()).noneMatch(SigningKeyRow::usable);
        assertThat(vm.publicKeyPem(vm.rows().get(0))).isEmpty();
        assertThat(vm.messageProperty().get()).startsWith("Public key not copied: ").contains("gone.key")
                .contains("file gone");
    }

    @Test
    void forget_removesTheKeyFromTheList_andKeepsItsFiles() throws Exception {
        SigningKeysViewModel vm = start();
        vm.create(vm.suggestedBase("release").orElseThrow(), KeyAlgorithm.ED25519, "release");

        vm.forget(vm.rows().get(0));

        assertThat(vm.rows()).isEmpty();
        assertThat(start().rows()).isEmpty();
        assertThat(config().resolve("keys/release.key")).isRegularFile();
        assertThat(config().resolve("keys/release.pub")).isRegularFile();
        assertThat(vm.messageProperty().get()).contains("is kept");
    }

    @Test
    void whatItWrites_isTheUsersOnly_filesOwnerReadWrite_foldersOwnerOnly() throws Exception {
        // The recent files may have made the config folder first, with the umask's usual mode.
        Files.createDirectories(config(), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        SigningKeysViewModel vm = start();
        vm.create(vm.suggestedBase("release").orElseThrow(), KeyAlgorithm.ED25519, "release");

        assertThat(mode(config())).isEqualTo("rwx------");
        assertThat(mode(config().resolve("keys"))).isEqualTo("rwx------");
        assertThat(mode(config().resolve("keys.json"))).isEqualTo("rw-------");
        assertThat(mode(config().resolve("keys/release.key"))).isEqualTo("rw-------");
        assertThat(config().resolve("keys.json.part")).doesNotExist();
    }

    private static String mode(Path path) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }

    @Test
    void theChoiceOfSigningKeys_isRememberedAcrossARestart() throws Exception {
        SigningKeysViewModel vm = start();
        vm.create(vm.suggestedBase("a").orElseThrow(), KeyAlgorithm.ED25519, "a");
        vm.create(vm.suggestedBase("b").orElseThrow(), KeyAlgorithm.ED25519, "b");

        vm.rows().get(0).signsProperty().set(false);

        SigningKeysViewModel restarted = start();
        assertThat(restarted.rows()).extracting(row -> row.signsProperty().get()).containsExactly(false, true);
        assertThat(restarted.signingFiles()).containsExactly(config().resolve("keys/b.key"));
    }

    @Test
    void copyAndExportPublicKey_giveThePublicKeyOfTheFile_forATrustStore() throws Exception {
        SigningKeysViewModel vm = start();
        vm.create(vm.suggestedBase("release").orElseThrow(), KeyAlgorithm.ECDSA_P256, "release");
        SigningKeyRow row = vm.rows().get(0);
        String written = Files.readString(config().resolve("keys/release.pub"));

        assertThat(vm.publicKeyPem(row)).contains(written);
        assertThat(vm.suggestedPublicKeyName(row)).isEqualTo("release.pub");
        Path exported = dir.resolve("trust/release.pub");
        Files.createDirectories(exported.getParent());
        assertThat(vm.exportPublicKey(row, exported)).isTrue();
        assertThat(keyIdOf(exported)).isEqualTo(row.keyId());
        assertThat(vm.messageProperty().get()).contains("trust store");
    }

    @Test
    void aKeysFileThatCannotBeRead_isSaidSo_andNeverOverwritten() throws Exception {
        Files.createDirectories(config());
        Path list = Files.writeString(config().resolve("keys.json"), "{ not a list");
        KeyFiles.Written mine = KeyFiles.write(dir.resolve("release"), KeyPairs.generate(KeyAlgorithm.ED25519));

        SigningKeysViewModel vm = start();
        assertThat(vm.messageProperty().get()).startsWith("Signing keys not read: ").contains("keys.json");
        assertThat(vm.add(mine.privateKeyFile())).isFalse();

        assertThat(Files.readString(list)).isEqualTo("{ not a list");
    }

    /** The build itself: signed by the key made in the app, with its id in the result and the log. */
    @Test
    void build_signsWithTheTickedKeys_andRefusesOneWhoseFileIsGone() throws Exception {
        var s = TestPackages.services();
        MainViewModel main = new MainViewModel(new MainViewModel.Services(s.payloads(), s.packages(), s.runner(),
                s.launcher(), s.installer(), s.clock(), s.gateways(), s.recent(), s.tree(), new KeyRing(config())));
        main.open(TestPackages.copyAllActions(dir.resolve("pkg")));
        SigningKeysViewModel keys = main.build().keys();
        keys.create(keys.suggestedBase("release").orElseThrow(), KeyAlgorithm.ED25519, "release");
        String keyId = keys.rows().get(0).keyId();
        main.build().chooseOutput(dir.resolve("app.sup"));

        main.build().build();

        var verified = new PackageVerifier(VerifyOptions.trusting(TrustStore.load(config().resolve("keys/release.pub")),
                TestPackages.CLOCK.instant())).verify(dir.resolve("app.sup"), ProgressListener.NONE);
        assertThat(verified.trustedSigners()).containsExactly(keyId);
        assertThat(verified.signatures().signatures()).extracting(sig -> sig.keyId()).containsExactly(keyId);
        assertThat(main.build().resultTextProperty().get()).contains("Signatures: " + keyId + " (ed25519)");
        assertThat(main.build().log()).anyMatch(line -> line.endsWith("signing with 1 key " + keyId + " (release)"));

        Files.delete(config().resolve("keys/release.key"));
        main.build().build();

        assertThat(main.build().resultProperty().get()).isNull();
        assertThat(main.build().resultTextProperty().get()).startsWith("Not built: key " + keyId
                + " (release) cannot sign, file gone (").contains("release.key").contains("Untick it");
        assertThat(keys.rows().get(0).state().kind()).isEqualTo(KeyFileState.Kind.MISSING);
    }
}
