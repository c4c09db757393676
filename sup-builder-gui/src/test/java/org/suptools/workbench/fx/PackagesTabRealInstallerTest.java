package org.suptools.workbench.fx;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.suptools.model.json.SupJson;
import org.suptools.model.signing.KeyAlgorithm;
import org.suptools.model.signing.KeyFiles;
import org.suptools.model.signing.KeyPairs;
import org.suptools.workbench.Workbench;
import org.suptools.workbench.service.FilePayloadStore;
import org.suptools.workbench.service.InstallerInTempFolder;
import org.suptools.workbench.service.ModelPackageService;
import org.suptools.workbench.view.FxBackgroundRunner;
import org.suptools.workbench.viewmodel.ApplyViewModel;
import org.suptools.workbench.viewmodel.MainViewModel;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The Packages tab against the real installer: {@code bin/sup-sandbox} makes a gateway
 * with the sample runtime running and a throwaway Ed25519 key as its only trusted key; packages
 * signed with that key are applied from the tab through the window, one that succeeds and one
 * whose third action fails and is rolled back. Saves the screenshot of the successful apply.
 */
@ExtendWith(ApplicationExtension.class)
class PackagesTabRealInstallerTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Path INSTALLER = ROOT.resolve("bin/sup-installer");
    private static final Path SANDBOX = ROOT.resolve("bin/sup-sandbox");

    @TempDir
    Path dir;

    /** The test's folder stands for the user's home: paths show as ~/..., in the screenshots too. */
    @RegisterExtension
    final UserHome home = new UserHome();

    Path gateway;
    Path config;
    PrivateKey key;
    List<String> stopRuntime = List.of();
    MainViewModel vm;
    Workbench workbench;
    final AnsweringDialogs dialogs = new AnsweringDialogs();

    @Start
    void start(Stage stage) {
        var services = new MainViewModel.Services(new FilePayloadStore(), new ModelPackageService(Clock.systemUTC()),
                new FxBackgroundRunner(), new InstallerInTempFolder(), List.of(INSTALLER.toString()), Clock.systemUTC());
        workbench = Workbench.show(stage, services, dialogs, Optional.empty());
        vm = workbench.viewModel();
    }

    @BeforeEach
    void sandbox() throws Exception {
        home.set(dir);
        KeyPair pair = KeyPairs.generate(KeyAlgorithm.ED25519);
        KeyFiles.Written keys = KeyFiles.write(dir.resolve("throwaway"), pair);
        key = pair.getPrivate();
        gateway = dir.resolve("gw");
        // The first run of the launcher may build the sandbox (a minute); after that a few seconds.
        String out = SandboxFixtures.run(List.of(SANDBOX.toString(), gateway.toString(), "--trust",
                keys.publicKeyFile().toString(), "--architecture", SandboxFixtures.ARCHITECTURE), 300);
        for (String line : out.lines().toList()) {
            if (line.startsWith("stop runtime:")) {
                stopRuntime = List.of(line.substring("stop runtime:".length()).trim().split("\\s+"));
            }
        }
        assertThat(stopRuntime).as("the sandbox prints how to stop its runtime: %s", out).isNotEmpty();
        config = gateway.resolve("gateway.yaml");
    }

    @AfterEach
    void stopTheRuntime() throws Exception {
        if (!stopRuntime.isEmpty()) {
            SandboxFixtures.run(stopRuntime, 60);
        }
    }

    @Test
    void applyASignedPackage_everyActionSucceeds_andTheConfirmationIsShown(FxRobot robot) throws Exception {
        Path pkg = build("demo-apply", """
                  - id: data-dir
                    type: dir.create
                    path: data/app
                  - id: app-config
                    type: file.copy
                    source: app.conf
                    destination: conf/app.conf
                  - id: http-port
                    type: properties.set
                    file: conf/dwcore.user.properties
                    create: true
                    set:
                      dw.http.port: "8080"
                """);

        applyFromTheTab(robot, pkg);

        assertThat(SandboxFixtures.tableStatuses(robot)).containsExactly("succeeded", "succeeded", "succeeded");
        assertThat(robot.lookup("#apply-outcome").queryAs(Label.class).getText()).isEqualTo("succeeded");
        assertThat(vm.apply().statusProperty().get()).startsWith("Finished: succeeded");
        JsonNode confirmation = shownConfirmation(robot);
        assertThat(confirmation.path("status").asText()).isEqualTo("succeeded");
        assertThat(confirmation.path("package").path("name").asText()).isEqualTo("demo-apply");
        assertThat(confirmation.path("package").path("signers")).hasSize(1);
        assertThat(vm.apply().auditLines()).last().asString().contains("installed successfully");
        Path home = gateway.resolve("dwcore");
        assertThat(home.resolve("data/app")).isDirectory();
        assertThat(home.resolve("conf/app.conf")).hasContent("greeting=hello");
        assertThat(Files.readString(home.resolve("conf/dwcore.user.properties"))).contains("dw.http.port=8080");
        Screenshots.save(workbench.scene(), "workbench-packages");
    }

    @Test
    void applyAPackageWhoseThirdActionFails_showsTheRollback(FxRobot robot) throws Exception {
        Path pkg = build("demo-rollback", """
                  - id: data-dir
                    type: dir.create
                    path: data/app
                  - id: app-config
                    type: file.copy
                    source: app.conf
                    destination: conf/app.conf
                  - id: check
                    type: verify
                    check: file-exists
                    path: conf/missing.conf
                  - id: http-port
                    type: properties.set
                    file: conf/dwcore.user.properties
                    create: true
                    set:
                      dw.http.port: "8080"
                """);

        applyFromTheTab(robot, pkg);

        assertThat(SandboxFixtures.tableStatuses(robot)).containsExactly("rolled back", "rolled back", "failed", "not run");
        assertThat(vm.apply().rows().get(2).message()).contains("missing.conf");
        assertThat(robot.lookup("#apply-outcome").queryAs(Label.class).getText()).isEqualTo("rolled-back");
        assertThat(vm.apply().statusProperty().get()).startsWith("Finished: rolled-back").contains("action-failed");
        JsonNode confirmation = shownConfirmation(robot);
        assertThat(confirmation.path("status").asText()).isEqualTo("rolled-back");
        assertThat(confirmation.path("error").asText()).isEqualTo("action-failed");
        assertThat(vm.apply().auditLines()).last().asString().contains("failed and rolled back");
        Path home = gateway.resolve("dwcore");
        assertThat(home.resolve("data")).doesNotExist();
        assertThat(home.resolve("conf/app.conf")).doesNotExist();
    }

    private void applyFromTheTab(FxRobot robot, Path pkg) throws Exception {
        robot.clickOn("#tab-apply");
        dialogs.files.add(pkg);
        robot.clickOn("#apply-choose-package");
        dialogs.files.add(config);
        robot.clickOn("#apply-choose-config");
        robot.clickOn("#apply-button");
        WaitForAsyncUtils.waitFor(50, TimeUnit.SECONDS,
                () -> vm.apply().phaseProperty().get() == ApplyViewModel.Phase.FINISHED);
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static JsonNode shownConfirmation(FxRobot robot) throws IOException {
        String text = robot.lookup("#apply-confirmation").queryAs(TextArea.class).getText();
        return SupJson.json().readTree(text);
    }

    /** A package signed with the sandbox's trusted key, for the sandbox's identity. */
    private Path build(String name, String actions) throws Exception {
        return SandboxFixtures.signedPackage(dir, name, "applied from the Workbench's Packages tab", actions, key);
    }
}
