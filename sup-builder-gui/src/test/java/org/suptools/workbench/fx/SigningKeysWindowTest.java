package org.suptools.workbench.fx;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.input.Clipboard;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.suptools.model.archive.ProgressListener;
import org.suptools.model.packaging.PackageVerifier;
import org.suptools.model.packaging.VerifyOptions;
import org.suptools.model.signing.KeyAlgorithm;
import org.suptools.model.signing.KeyFiles;
import org.suptools.model.signing.KeyPairs;
import org.suptools.model.signing.TrustStore;
import org.suptools.workbench.TestPackages;
import org.suptools.workbench.Workbench;
import org.suptools.workbench.service.KeyRing;
import org.suptools.workbench.service.RecentFiles;
import org.suptools.workbench.viewmodel.MainViewModel;
import org.suptools.workbench.viewmodel.Screen;
import org.suptools.workbench.viewmodel.SigningKeyRow;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The Build tab's signing keys in the real window: a key made in the app signs the package built. */
@ExtendWith(ApplicationExtension.class)
class SigningKeysWindowTest {

    @TempDir
    Path dir;

    @RegisterExtension
    final UserHome home = new UserHome();

    Workbench workbench;
    MainViewModel vm;
    Stage stage;
    final AnsweringDialogs dialogs = new AnsweringDialogs();

    /** The config folder the Workbench uses for a user whose home is the test's folder. */
    private Path config() {
        return dir.resolve(".config/sup-workbench");
    }

    @Start
    void start(Stage stage) {
        this.stage = stage;
        home.set(dir);
        var s = TestPackages.services();
        var services = new MainViewModel.Services(s.payloads(), s.packages(), s.runner(), s.launcher(), s.installer(),
                s.clock(), s.gateways(), new RecentFiles(config()), s.tree(), new KeyRing(config()));
        workbench = Workbench.show(stage, services, dialogs, Optional.empty());
        stage.setWidth(Workbench.WIDTH);
        stage.setHeight(Workbench.HEIGHT);
        vm = workbench.viewModel();
    }

    /** The window is shared by every window test of the run: give back its usual size. */
    @AfterEach
    void usualSize(FxRobot robot) {
        robot.interact(() -> {
            stage.setWidth(Workbench.WIDTH);
            stage.setHeight(Workbench.HEIGHT);
        });
    }

    @Test
    void aKeyMadeInTheApp_signsThePackageBuilt_andIsShownByItsKeyId(FxRobot robot) throws Exception {
        Path spec = TestPackages.copyAllActions(Files.createDirectories(dir.resolve("acme-app")));
        robot.interact(() -> vm.open(spec));
        robot.clickOn("#tab-build");

        robot.clickOn("#new-key");
        TextField location = robot.lookup("#new-key-location").queryAs(TextField.class);
        assertThat(location.getText()).isEqualTo(config().resolve("keys/release").toString());
        TextField label = robot.lookup("#new-key-label").queryAs(TextField.class);
        robot.interact(() -> label.setText("Release 2026"));
        assertThat(location.getText()).isEqualTo(config().resolve("keys/release-2026").toString());
        robot.clickOn("#new-key-make");
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> vm.build().keys().rows().size() == 1);

        // A key of the user's own, added and left unticked, and one whose file has gone since.
        Path legacy = KeyFiles.write(Files.createDirectories(dir.resolve("keys")).resolve("ci-legacy"),
                KeyPairs.generate(KeyAlgorithm.ECDSA_P256)).privateKeyFile();
        Path laptop = KeyFiles.write(dir.resolve("keys/old-laptop"), KeyPairs.generate(KeyAlgorithm.ED25519))
                .privateKeyFile();
        for (Path key : List.of(legacy, laptop)) {
            dialogs.files.add(key);
            robot.clickOn("#add-key");
        }
        Files.delete(laptop);
        TableView<SigningKeyRow> table = robot.lookup("#signing-keys").queryTableView();
        robot.interact(() -> {
            table.getItems().get(1).signsProperty().set(false);
            table.getItems().get(2).signsProperty().set(false);
        });

        robot.clickOn("#build-button");
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> vm.build().resultProperty().get() != null);

        SigningKeyRow made = table.getItems().get(0);
        assertThat(made.label()).isEqualTo("Release 2026");
        assertThat(made.shownFile()).isEqualTo("~/.config/sup-workbench/keys/release-2026.key");
        assertThat(table.getItems()).extracting(row -> row.state().shown()).containsExactly("ready", "ready", "file gone");
        robot.interact(() -> table.getSelectionModel().select(0));
        robot.clickOn("#copy-public-key");
        String pem = WaitForAsyncUtils.asyncFx(() -> Clipboard.getSystemClipboard().getString()).get();
        Path trust = Files.writeString(dir.resolve("trust.pub"), pem);
        var verified = new PackageVerifier(VerifyOptions.trusting(TrustStore.load(trust), TestPackages.CLOCK.instant()))
                .verify(vm.build().resultProperty().get().file(), ProgressListener.NONE);
        assertThat(verified.trustedSigners()).containsExactly(made.keyId());
        assertThat(verified.signatures().signatures()).hasSize(1);
        assertThat(robot.lookup("#build-result").queryAs(TextArea.class).getText())
                .contains("Signatures: " + made.keyId() + " (ed25519)");
        robot.interact(() -> table.getSelectionModel().clearSelection());
        robot.interact(() -> vm.screenProperty().set(Screen.BUILD));
        Screenshots.save(workbench.scene(), "workbench-keys");

        robot.interact(() -> {
            stage.setWidth(1024);
            stage.setHeight(700);
        });
        WaitForAsyncUtils.waitForFxEvents();
        for (String id : List.of("#new-key", "#add-key", "#forget-key", "#copy-public-key", "#export-public-key",
                "#build-button", "#signing-keys")) {
            Node node = robot.lookup(id).query();
            Bounds bounds = node.localToScene(node.getBoundsInLocal());
            assertThat(bounds.getMaxX()).as(id).isLessThanOrEqualTo(workbench.scene().getWidth());
            assertThat(bounds.getMaxY()).as(id).isLessThanOrEqualTo(workbench.scene().getHeight());
        }
        assertThat(table.getHeight()).as("three keys in view").isGreaterThanOrEqualTo(3 * 24 + 24);
        assertThat(robot.lookup("#build-result").queryAs(TextArea.class).getHeight()).isGreaterThanOrEqualTo(4 * 17);
        Screenshots.save(workbench.scene(), "workbench-keys-1024x700");
    }
}
