package org.suptools.workbench.fx;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.suptools.model.action.Action;
import org.suptools.model.action.ActionType;
import org.suptools.model.archive.ArchiveOptions;
import org.suptools.model.archive.ProgressListener;
import org.suptools.model.manifest.Requirement;
import org.suptools.model.packaging.PackageBuilder;
import org.suptools.model.packaging.PackageVerifier;
import org.suptools.model.packaging.VerifiedPackage;
import org.suptools.model.packaging.VerifyOptions;
import org.suptools.model.spec.SpecFiles;
import org.suptools.model.version.VersionRange;
import org.suptools.workbench.TestPackages;
import org.suptools.workbench.Workbench;
import org.suptools.workbench.document.RequirementDraft;
import org.suptools.workbench.viewmodel.ActionRow;
import org.suptools.workbench.viewmodel.MainViewModel;
import org.suptools.workbench.viewmodel.Screen;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The real window, driven headless (Monocle) by mouse and keyboard. Saves the screenshots of docs/guide/1-authoring-in-the-workbench.md. */
@ExtendWith(ApplicationExtension.class)
class WorkbenchWindowTest {

    @TempDir
    Path dir;

    /** The test's folder stands for the user's home: paths show as ~/..., in the screenshots too. */
    @RegisterExtension
    final UserHome home = new UserHome();

    Workbench workbench;
    MainViewModel vm;
    final AnsweringDialogs dialogs = new AnsweringDialogs();

    @Start
    void start(Stage stage) {
        home.set(dir);
        workbench = Workbench.show(stage, Workbench.defaultServices(dir.resolve("config")), dialogs, Optional.empty());
        vm = workbench.viewModel();
    }

    @Test
    void composeSixActionsOfDifferentTypes_buildIt_andTheModelVerifiesThePackage(FxRobot robot) throws Exception {
        Path pkg = Files.createDirectories(dir.resolve("projects/acme-demo"));
        Path conf = Files.writeString(dir.resolve("app.conf"), "http.port=8080\n");
        robot.interact(() -> vm.newPackageIn(pkg));

        replaceText(robot, "#name", "acme-demo");
        replaceText(robot, "#version", "1.2.0");
        replaceText(robot, "#description", "Configures the demo application");
        replaceText(robot, "#vendor", "Acme Industrial");
        robot.clickOn("#add-requirement");
        editCell(robot, "requires-name", 0, "acme-base");
        editCell(robot, "requires-version", 0, ">=1.0.0 <2.0.0");
        Screenshots.save(workbench.scene(), "workbench-package");

        robot.clickOn("#tab-actions");
        addFromPalette(robot, ActionType.RUNTIME_STOP);
        addFromPalette(robot, ActionType.DIR_CREATE);
        robot.clickOn("#field-path").write("data/app");
        addFromPalette(robot, ActionType.FILE_COPY);
        dialogs.files.add(conf);
        robot.clickOn("#field-source-add");
        robot.clickOn("#field-destination").write("conf/app.conf");
        robot.clickOn("#field-mode").write("0640");
        addFromPalette(robot, ActionType.PROPERTIES_SET);
        robot.clickOn("#field-file").write("conf/dwcore.user.properties");
        robot.clickOn("#field-set-add");
        WaitForAsyncUtils.waitForFxEvents();
        robot.write("http.port").push(KeyCode.TAB).push(KeyCode.F2).write("8080").push(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
        addFromPalette(robot, ActionType.COMMAND_RUN);
        robot.clickOn("#field-command").write("echo\nconfigured");
        robot.clickOn("#when-os").write("linux");
        addFromPalette(robot, ActionType.RUNTIME_START);
        robot.clickOn("#action-timeout").write("90");

        assertThat(vm.problems().problems()).isEmpty();
        assertThat(vm.actions().rows()).extracting(ActionRow::type).containsExactly("runtime.stop", "dir.create",
                "file.copy", "properties.set", "command.run", "runtime.start");
        robot.interact(() -> vm.actions().select(4));
        Screenshots.save(workbench.scene(), "workbench-actions");

        robot.press(KeyCode.CONTROL, KeyCode.S).release(KeyCode.S, KeyCode.CONTROL);
        assertThat(vm.hasUnsavedChanges()).isFalse();
        robot.clickOn("#tab-payloads");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !vm.payloads().rows().isEmpty()
                && !vm.payloads().rows().get(0).sha256().isEmpty());
        Screenshots.save(workbench.scene(), "workbench-payloads");

        robot.clickOn("#tab-build");
        robot.clickOn("#build-button");
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> vm.build().resultProperty().get() != null);
        WaitForAsyncUtils.waitForFxEvents();
        Screenshots.save(workbench.scene(), "workbench-build");

        Path sup = vm.build().resultProperty().get().file();
        VerifiedPackage verified = new PackageVerifier(VerifyOptions.integrityOnly(TestPackages.CLOCK.instant()))
                .verify(sup, ProgressListener.NONE);
        assertThat(verified.manifest().name()).isEqualTo("acme-demo");
        assertThat(verified.manifest().requires())
                .containsExactly(new Requirement("acme-base", VersionRange.parse(">=1.0.0 <2.0.0")));
        assertThat(verified.manifest().actions()).extracting(Action::type).containsExactly(ActionType.RUNTIME_STOP,
                ActionType.DIR_CREATE, ActionType.FILE_COPY, ActionType.PROPERTIES_SET, ActionType.COMMAND_RUN,
                ActionType.RUNTIME_START);
        assertThat(verified.manifest().actions().get(4).header().when().orElseThrow().os()).containsExactly("linux");
        assertThat(verified.manifest().payloads()).extracting(p -> p.name()).containsExactly("app.conf");
        Path reference = dir.resolve("reference.sup");
        new PackageBuilder(ArchiveOptions.fromEnvironment(), ProgressListener.NONE)
                .build(SpecFiles.loadValid(pkg, TestPackages.CLOCK.instant()), reference, List.of());
        assertThat(Files.readAllBytes(sup)).isEqualTo(Files.readAllBytes(reference));

        robot.interact(() -> vm.open(sup));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> vm.inspector().openedProperty().get() != null);
        WaitForAsyncUtils.waitForFxEvents();
        Screenshots.save(workbench.scene(), "workbench-inspect");
    }

    @Test
    void dragARowToReorder_thenUndoAndRedoFromTheKeyboard(FxRobot robot) throws Exception {
        Path spec = TestPackages.copyAllActions(dir);
        robot.interact(() -> vm.open(spec));
        robot.clickOn("#actions-table");

        robot.drag(row(robot, 0)).dropTo(row(robot, 2));

        assertThat(ids()).startsWith("firmware", "config", "stop", "old-cache");
        assertThat(vm.actions().selectedIndex()).isEqualTo(2);

        robot.press(KeyCode.CONTROL, KeyCode.Z).release(KeyCode.Z, KeyCode.CONTROL);
        assertThat(ids()).startsWith("stop", "firmware", "config");
        robot.press(KeyCode.CONTROL, KeyCode.Y).release(KeyCode.Y, KeyCode.CONTROL);
        assertThat(ids()).startsWith("firmware", "config", "stop");

        robot.clickOn(row(robot, 0));
        robot.press(KeyCode.ALT, KeyCode.DOWN).release(KeyCode.DOWN, KeyCode.ALT);
        assertThat(ids()).startsWith("config", "firmware", "stop");
        robot.press(KeyCode.CONTROL, KeyCode.Z).release(KeyCode.Z, KeyCode.CONTROL);
        robot.press(KeyCode.CONTROL, KeyCode.Z).release(KeyCode.Z, KeyCode.CONTROL);
        assertThat(ids()).startsWith("stop", "firmware", "config");
        assertThat(vm.hasUnsavedChanges()).isFalse();
        assertThat(workbench.scene().getWindow()).isInstanceOfSatisfying(Stage.class,
                stage -> assertThat(stage.getTitle()).startsWith("acme-all-actions"));
    }

    @Test
    void aValidationErrorShowsInlineAndInTheProblemsPanel_choosingItLeadsToTheField_andTypingFixesIt(FxRobot robot) {
        robot.interact(() -> vm.newPackageIn(dir));
        robot.clickOn("#tab-actions");
        addFromPalette(robot, ActionType.RUNTIME_RESTART);
        robot.clickOn("#tab-package");
        replaceText(robot, "#version", "1.0");

        Label message = robot.lookup("#version-message").queryAs(Label.class);
        assertThat(message.isVisible()).isTrue();
        assertThat(message.getText()).contains("is not a SemVer 2.0 version");
        assertThat(vm.problems().problems()).singleElement().satisfies(p -> assertThat(p.location()).isEqualTo("version"));
        assertThat(robot.lookup("#build-button").query().isDisabled()).isTrue();
        Screenshots.save(workbench.scene(), "workbench-problems");

        robot.clickOn("#tab-build");
        robot.clickOn((Node n) -> n instanceof ListCell<?> cell && cell.getText() != null && cell.getText().contains("version: "));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(vm.screenProperty().get()).isEqualTo(Screen.PACKAGE);
        TextField version = robot.lookup("#version").queryAs(TextField.class);
        assertThat(version.isFocused()).isTrue();

        robot.push(KeyCode.END).write(".0");

        assertThat(version.getText()).isEqualTo("1.0.0");
        assertThat(message.isVisible()).isFalse();
        assertThat(vm.problems().problems()).isEmpty();
        robot.press(KeyCode.CONTROL, KeyCode.Z).release(KeyCode.Z, KeyCode.CONTROL);
        assertThat(version.getText()).isEqualTo("1.0");
        assertThat(message.isVisible()).isTrue();
    }

    @Test
    void aRequirementWithABadRange_isShownAndLeadsToItsCell_andOnceFixedThePackageBuildsWithIt(FxRobot robot)
            throws Exception {
        Path pkg = Files.createDirectories(dir.resolve("acme-app"));
        robot.interact(() -> vm.newPackageIn(pkg));
        robot.clickOn("#tab-actions");
        addFromPalette(robot, ActionType.RUNTIME_RESTART);
        robot.clickOn("#tab-package");

        robot.clickOn("#add-requirement");
        editCell(robot, "requires-name", 0, "acme-base");
        editCell(robot, "requires-version", 0, ">=1.02");

        Label message = robot.lookup("#requires-message").queryAs(Label.class);
        assertThat(message.isVisible()).isTrue();
        assertThat(message.getText()).contains("'>=1.02' is not a valid version range");
        assertThat(vm.problems().problems()).singleElement()
                .satisfies(p -> assertThat(p.location()).isEqualTo("requires[0].version"));
        assertThat(robot.lookup("#build-button").query().isDisabled()).isTrue();

        robot.clickOn("#tab-build");
        robot.clickOn((Node n) -> n instanceof ListCell<?> cell && cell.getText() != null
                && cell.getText().contains("requires[0].version: "));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(vm.screenProperty().get()).isEqualTo(Screen.PACKAGE);
        TableView<?> requires = robot.lookup("#requires").queryAs(TableView.class);
        assertThat(requires.isFocused()).isTrue();
        assertThat(requires.getSelectionModel().getSelectedCells()).singleElement().satisfies(cell -> {
            assertThat(cell.getRow()).isZero();
            assertThat(cell.getTableColumn().getId()).isEqualTo("requires-version");
        });

        robot.push(KeyCode.F2);
        robot.press(KeyCode.CONTROL, KeyCode.A).release(KeyCode.A, KeyCode.CONTROL);
        robot.write(">=1.2.0").push(KeyCode.ENTER);

        assertThat(message.isVisible()).isFalse();
        assertThat(vm.problems().problems()).isEmpty();
        robot.press(KeyCode.CONTROL, KeyCode.Z).release(KeyCode.Z, KeyCode.CONTROL);
        assertThat(message.isVisible()).isTrue();
        robot.press(KeyCode.CONTROL, KeyCode.Y).release(KeyCode.Y, KeyCode.CONTROL);
        assertThat(vm.metadata().requires().rows()).containsExactly(new RequirementDraft("acme-base", ">=1.2.0"));
        assertThat(vm.hasUnsavedChanges()).isTrue();
        robot.press(KeyCode.CONTROL, KeyCode.S).release(KeyCode.S, KeyCode.CONTROL);
        assertThat(vm.hasUnsavedChanges()).isFalse();
        robot.clickOn("#tab-build");
        robot.clickOn("#build-button");
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> vm.build().resultProperty().get() != null);
        Path sup = vm.build().resultProperty().get().file();
        VerifiedPackage verified = new PackageVerifier(VerifyOptions.integrityOnly(TestPackages.CLOCK.instant()))
                .verify(sup, ProgressListener.NONE);
        assertThat(verified.manifest().requires())
                .containsExactly(new Requirement("acme-base", VersionRange.parse(">=1.2.0")));
    }

    /** Double-clicks a cell of an editable table, replaces its text and commits it with Enter. */
    private static void editCell(FxRobot robot, String columnId, int row, String text) {
        WaitForAsyncUtils.waitForFxEvents();
        robot.doubleClickOn((Node n) -> n instanceof TableCell<?, ?> cell && cell.getTableColumn() != null
                && columnId.equals(cell.getTableColumn().getId()) && cell.getIndex() == row);
        robot.press(KeyCode.CONTROL, KeyCode.A).release(KeyCode.A, KeyCode.CONTROL);
        robot.write(text).push(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
    }

    private void addFromPalette(FxRobot robot, ActionType type) {
        ListView<ActionType> palette = robot.lookup("#palette").queryListView();
        robot.interact(() -> palette.scrollTo(type));
        Node cell = robot.from(palette).lookup((Node n) -> n instanceof ListCell<?> c && type.typeName().equals(c.getText()))
                .query();
        int before = vm.actions().rows().size();
        robot.clickOn(cell);
        robot.clickOn("#add-action");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(vm.actions().rows()).hasSize(before + 1);
    }

    private static void replaceText(FxRobot robot, String query, String text) {
        robot.clickOn(query);
        robot.press(KeyCode.CONTROL, KeyCode.A).release(KeyCode.A, KeyCode.CONTROL);
        robot.write(text);
    }

    private Node row(FxRobot robot, int index) {
        return robot.lookup("#actions-table").lookup((Node n) -> n instanceof TableRow<?> r && r.getIndex() == index
                && !r.isEmpty()).query();
    }

    private List<String> ids() {
        return vm.actions().rows().stream().map(ActionRow::id).toList();
    }
}
