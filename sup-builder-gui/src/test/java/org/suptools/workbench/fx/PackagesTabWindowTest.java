package org.suptools.workbench.fx;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import javafx.scene.control.Button;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.suptools.installer.api.client.InstallerLauncher;
import org.suptools.workbench.Workbench;
import org.suptools.workbench.service.FilePayloadStore;
import org.suptools.workbench.service.ModelPackageService;
import org.suptools.workbench.view.FxBackgroundRunner;
import org.suptools.workbench.view.FxFileDialogs;
import org.suptools.workbench.viewmodel.MainViewModel;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The Packages tab in the real window, against a scripted installer process that prints the
 * installer's event lines as the real installer does (a failing action is rolled back too and
 * keeps its status failed). {@link PackagesTabRealInstallerTest} runs the real installer.
 */
@ExtendWith(ApplicationExtension.class)
class PackagesTabWindowTest {

    private static final String EVENTS = String.join("\n",
            "{\"event\":\"started\",\"installId\":\"20260601-0001\"}",
            "{\"event\":\"verified\"}",
            "{\"event\":\"planned\",\"actions\":[{\"index\":1,\"id\":\"stop\",\"type\":\"runtime.stop\"},"
                    + "{\"index\":2,\"id\":\"config\",\"type\":\"file.copy\"},{\"index\":3,\"id\":\"tune\",\"type\":\"properties.set\"},"
                    + "{\"index\":4,\"id\":\"start\",\"type\":\"runtime.start\"}]}",
            "{\"event\":\"action-started\",\"index\":1,\"total\":4,\"id\":\"stop\",\"type\":\"runtime.stop\"}",
            "{\"event\":\"action-succeeded\",\"index\":1,\"total\":4,\"id\":\"stop\",\"type\":\"runtime.stop\",\"message\":\"runtime stopped\"}",
            "{\"event\":\"action-started\",\"index\":2,\"total\":4,\"id\":\"config\",\"type\":\"file.copy\"}",
            "{\"event\":\"action-succeeded\",\"index\":2,\"total\":4,\"id\":\"config\",\"type\":\"file.copy\",\"message\":\"copied app.conf to conf/app.conf\"}",
            "{\"event\":\"action-started\",\"index\":3,\"total\":4,\"id\":\"tune\",\"type\":\"properties.set\"}",
            "{\"event\":\"action-failed\",\"index\":3,\"total\":4,\"id\":\"tune\",\"type\":\"properties.set\",\"message\":\"conf/dwcore.user.properties does not exist\"}",
            "{\"event\":\"rollback-started\",\"reason\":\"tune failed\"}",
            "{\"event\":\"action-rolled-back\",\"index\":3,\"total\":4,\"id\":\"tune\",\"type\":\"properties.set\"}",
            "{\"event\":\"action-rolled-back\",\"index\":2,\"total\":4,\"id\":\"config\",\"type\":\"file.copy\"}",
            "{\"event\":\"action-rolled-back\",\"index\":1,\"total\":4,\"id\":\"stop\",\"type\":\"runtime.stop\"}",
            "{\"event\":\"finished\",\"status\":\"rolled-back\",\"message\":\"tune failed: conf/dwcore.user.properties does not exist\"}");

    @TempDir
    static Path dir;

    MainViewModel vm;
    Workbench workbench;
    final AnsweringDialogs dialogs = new AnsweringDialogs();

    @Start
    void start(Stage stage) {
        InstallerLauncher scripted = command -> new InstallerLauncher.Running() {
            @Override
            public int follow(Consumer<String> onLine) {
                EVENTS.lines().forEach(onLine);
                return 1;
            }

            @Override
            public String stderrTail() {
                return "";
            }

            @Override
            public void stop() {
            }
        };
        var services = new MainViewModel.Services(new FilePayloadStore(), new ModelPackageService(Clock.systemUTC()),
                new FxBackgroundRunner(), scripted, List.of("sup-installer"), Clock.systemUTC());
        workbench = Workbench.show(stage, services, dialogs, Optional.empty());
        vm = workbench.viewModel();
    }

    @Test
    void apply_showsEachActionLive_thenTheRollback(FxRobot robot) throws Exception {
        Path pkg = Files.writeString(dir.resolve("acme-config-1.4.0.pkg"), "");
        Path config = Files.writeString(dir.resolve("gateway.yaml"), "runtimeHome: home\n");
        Path logs = Files.createDirectories(dir.resolve("home/logs"));
        Files.writeString(logs.resolve("confirmation.json"), "{\n  \"package\": {\"name\": \"acme-config\", \"version\": \"1.4.0\"},\n"
                + "  \"request\": {\"kind\": \"manual\"},\n  \"status\": \"rolled-back\",\n  \"actions\": [ ... ]\n}\n");
        Files.writeString(logs.resolve("audit.log"), "");
        robot.clickOn("#tab-apply");
        assertThat(robot.lookup("#apply-button").queryAs(Button.class).isDisabled()).isTrue();

        dialogs.files.add(pkg);
        robot.clickOn("#apply-choose-package");
        dialogs.files.add(config);
        robot.clickOn("#apply-choose-config");
        robot.clickOn("#apply-button");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !vm.apply().outcomeProperty().get().isEmpty()
                && vm.apply().phaseProperty().get() == org.suptools.workbench.viewmodel.ApplyViewModel.Phase.FINISHED);
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(vm.apply().rows()).extracting(r -> r.status())
                .containsExactly("rolled back", "rolled back", "failed", "not run");
        assertThat(vm.apply().outcomeProperty().get()).isEqualTo("rolled-back");
        assertThat(vm.apply().confirmationProperty().get()).contains("\"status\": \"rolled-back\"");
        assertThat(robot.lookup("#cancel-button").queryAs(Button.class).isDisabled()).isTrue();
    }

    @Test
    void thePackageChooser_offersBothFilters_andOpensOnSup() {
        var chooser = FxFileDialogs.packageChooser();
        assertThat(chooser.getExtensionFilters()).extracting(f -> f.getDescription())
                .containsExactly("Package Files (*.pkg)", "Software Update Package Files (*.sup)");
        assertThat(chooser.getSelectedExtensionFilter().getExtensions()).containsExactly("*.sup");
    }

    @Test
    void firstVisit_thePackageAndGatewayFieldsAreEmpty_notTheTextNull(FxRobot robot) {
        robot.clickOn("#tab-apply");
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(robot.lookup("#apply-package").queryAs(javafx.scene.control.TextField.class).getText()).isEmpty();
        assertThat(robot.lookup("#apply-config").queryAs(javafx.scene.control.TextField.class).getText()).isEmpty();
        assertThat(robot.lookup(node -> node instanceof javafx.scene.control.Labeled labeled
                && "null".equals(labeled.getText())).queryAll()).isEmpty();
        assertThat(robot.lookup(node -> node instanceof javafx.scene.control.TextInputControl input
                && ("null".equals(input.getText()) || "null".equals(input.getPromptText()))).queryAll()).isEmpty();
    }

    @Test
    void statuses_areShownWithTheirColourAndIcon(FxRobot robot) throws Exception {
        Path pkg = Files.writeString(dir.resolve("acme-config-1.4.0.sup"), "");
        Path config = Files.writeString(dir.resolve("gateway.yaml"), "runtimeHome: home\n");
        robot.clickOn("#tab-apply");
        dialogs.files.add(pkg);
        robot.clickOn("#apply-choose-package");
        dialogs.files.add(config);
        robot.clickOn("#apply-choose-config");
        robot.clickOn("#apply-button");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS,
                () -> vm.apply().phaseProperty().get() == org.suptools.workbench.viewmodel.ApplyViewModel.Phase.FINISHED);
        WaitForAsyncUtils.waitForFxEvents();

        java.util.Map<String, javafx.scene.control.TableCell<?, ?>> cells = new java.util.HashMap<>();
        robot.lookup("#apply-actions .table-cell").queryAll().forEach(node -> {
            javafx.scene.control.TableCell<?, ?> cell = (javafx.scene.control.TableCell<?, ?>) node;
            if (cell.getText() != null && cell.getTableColumn().getText().equals("Status")) {
                cells.put(cell.getText(), cell);
            }
        });
        assertThat(cells.keySet()).contains("failed", "rolled back", "not run");
        assertThat(cells.get("failed").getStyleClass()).contains("status-failure");
        assertThat(cells.get("rolled back").getStyleClass()).contains("status-warning");
        assertThat(cells.get("failed").getGraphic()).isNotNull();
        assertThat(cells.get("rolled back").getGraphic()).isNotNull();
        assertThat(robot.lookup("#apply-progress").queryAs(javafx.scene.control.ProgressBar.class).getStyleClass())
                .contains("result-failure");
    }
}
