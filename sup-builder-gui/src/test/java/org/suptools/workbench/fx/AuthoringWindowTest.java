package org.suptools.workbench.fx;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Control;
import javafx.scene.control.Labeled;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.Border;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.suptools.model.action.ActionType;
import org.suptools.workbench.TestPackages;
import org.suptools.workbench.Workbench;
import org.suptools.workbench.document.KeyValue;
import org.suptools.workbench.document.RequirementDraft;
import org.suptools.workbench.viewmodel.MainViewModel;
import org.suptools.workbench.viewmodel.PayloadRow;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The window as a package author meets it: saving before adding files, the keyboard in tables, focus, layout. */
@ExtendWith(ApplicationExtension.class)
class AuthoringWindowTest {

    @TempDir
    Path dir;

    @RegisterExtension
    final UserHome home = new UserHome();

    Workbench workbench;
    MainViewModel vm;
    Stage stage;
    final AnsweringDialogs dialogs = new AnsweringDialogs();

    @Start
    void start(Stage stage) {
        this.stage = stage;
        home.set(dir);
        workbench = Workbench.show(stage, Workbench.defaultServices(dir.resolve("config")), dialogs, Optional.empty());
        stage.setWidth(Workbench.WIDTH);
        stage.setHeight(Workbench.HEIGHT);
        vm = workbench.viewModel();
    }

    /** The window is shared by every window test of the run: the layout tests give back its usual size. */
    @org.junit.jupiter.api.AfterEach
    void usualSize(FxRobot robot) {
        robot.interact(() -> {
            stage.setWidth(Workbench.WIDTH);
            stage.setHeight(Workbench.HEIGHT);
        });
    }

    @Test
    void addFileOnAPackageNeverSaved_savesItFirst_thenAddsTheChosenFile(FxRobot robot) throws Exception {
        Path pkg = Files.createDirectories(dir.resolve("acme-app"));
        Path conf = Files.writeString(dir.resolve("app.conf"), "http.port=8080\n");
        robot.interact(vm::newPackage);
        robot.clickOn("#tab-actions");
        addFromPalette(robot, ActionType.FILE_COPY);
        dialogs.files.add(pkg.resolve("sup.yaml"));
        dialogs.files.add(conf);

        robot.clickOn("#field-source-add");

        assertThat(dialogs.errors).isEmpty();
        assertThat(vm.model().specFile()).isEqualTo(pkg.resolve("sup.yaml"));
        assertThat(pkg.resolve("payload/app.conf")).hasContent("http.port=8080");
        assertThat(vm.model().document().actions().get(0).text("source")).isEqualTo("app.conf");
    }

    @Test
    void enterInACell_commitsAndGoesDown_tabCommitsAndGoesRight_andFocusStaysInTheTable(FxRobot robot) {
        robot.interact(() -> vm.newPackageIn(dir));
        robot.clickOn("#add-requirement");
        robot.clickOn("#add-requirement");
        WaitForAsyncUtils.waitForFxEvents();
        robot.doubleClickOn(cell(robot, "requires-name", 0));
        robot.write("acme-base").push(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
        TableView<?> requires = robot.lookup("#requires").queryAs(TableView.class);
        assertThat(workbench.scene().getFocusOwner()).isSameAs(requires);

        assertThat(requires.getSelectionModel().getSelectedCells()).singleElement()
                .satisfies(cell -> assertThat(cell.getRow()).isEqualTo(1));
        robot.doubleClickOn(cell(robot, "requires-name", 1));
        robot.write("acme-tools").push(KeyCode.TAB);
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(requires.getEditingCell()).isNull();
        assertThat(workbench.scene().getFocusOwner()).isSameAs(requires);
        assertThat(requires.getSelectionModel().getSelectedCells()).singleElement().satisfies(cell -> {
            assertThat(cell.getRow()).isEqualTo(1);
            assertThat(cell.getTableColumn().getId()).isEqualTo("requires-version");
        });
        assertThat(vm.metadata().requires().rows()).containsExactly(new RequirementDraft("acme-base", ""),
                new RequirementDraft("acme-tools", ""));
        assertThat(robot.lookup((Node n) -> n instanceof TableCell<?, ?> c && c.isEditing()).tryQuery()).isEmpty();
    }

    @Test
    void aNewKeyValueRow_isEmptyAndReadyToTypeIn(FxRobot robot) {
        robot.interact(() -> vm.newPackageIn(dir));
        robot.clickOn("#tab-actions");
        addFromPalette(robot, ActionType.COMMAND_RUN);

        robot.clickOn("#field-environment-add");
        WaitForAsyncUtils.waitForFxEvents();
        TableView<?> environment = robot.lookup("#field-environment").queryAs(TableView.class);
        assertThat(environment.getEditingCell()).isNotNull();
        assertThat(workbench.scene().getFocusOwner()).isInstanceOf(javafx.scene.control.TextField.class);
        robot.write("LANG").push(KeyCode.TAB).push(KeyCode.F2).write("C").push(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(vm.model().document().actions().get(0).keyValues("environment"))
                .containsExactly(new KeyValue("LANG", "C"));
    }

    @Test
    void anUnusedPayload_isShownAsAWarning_notAnError_andCanBeRenamedWithItsReferences(FxRobot robot)
            throws Exception {
        Path spec = TestPackages.copyAllActions(dir);
        Files.writeString(dir.resolve("payload/extra.txt"), "not used\n");
        robot.interact(() -> vm.open(spec));
        robot.clickOn("#tab-payloads");
        WaitForAsyncUtils.waitForFxEvents();

        Node extra = payloadRow(robot, "extra.txt");
        assertThat(extra.getStyleClass()).contains("row-warning").doesNotContain("action-row-error");

        robot.interact(() -> vm.payloads().rename("app.conf", "conf/app.conf"));
        assertThat(vm.model().document().actions()).filteredOn(a -> a.id().equals("config"))
                .singleElement().satisfies(a -> assertThat(a.text("source")).isEqualTo("conf/app.conf"));
        assertThat(vm.model().assembly().hasErrors()).isFalse();
        robot.clickOn(payloadRow(robot, "extra.txt"));
        robot.clickOn("#remove-payload");
        assertThat(vm.payloads().rows()).extracting(PayloadRow::name).doesNotContain("extra.txt");
    }

    @Test
    void focusIsVisible_onTablesListsAndTheTabStrip(FxRobot robot) throws Exception {
        robot.interact(() -> vm.open(dir.resolve(TestPackages.copyAllActions(dir).getFileName())));
        TableView<?> table = robot.lookup("#actions-table").queryAs(TableView.class);
        ListView<?> palette = robot.lookup("#palette").queryAs(ListView.class);
        Border tableIdle = table.getBorder();
        Border paletteIdle = palette.getBorder();

        robot.interact(table::requestFocus);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(table.getBorder()).isNotEqualTo(tableIdle);
        robot.interact(palette::requestFocus);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(palette.getBorder()).isNotEqualTo(paletteIdle);

        Node selectedTab = robot.lookup(".tab:selected").query();
        Parent tabs = robot.lookup("#screens").queryAs(Parent.class);
        Border tabIdle = ((javafx.scene.layout.Region) selectedTab).getBorder();
        robot.clickOn(selectedTab);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(tabs.isFocused()).isTrue();
        assertThat(((javafx.scene.layout.Region) selectedTab).getBorder()).isNotEqualTo(tabIdle);
    }

    @Test
    void at1600Wide_noTableCellOrHeaderIsCutShort(FxRobot robot) throws Exception {
        robot.interact(() -> {
            stage.setWidth(1600);
            stage.setHeight(900);
        });
        Path spec = TestPackages.copyAllActions(dir);
        robot.interact(() -> vm.open(spec));
        robot.interact(() -> vm.screenProperty().set(org.suptools.workbench.viewmodel.Screen.ACTIONS));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(cutShort(robot.lookup("#actions-table").queryAs(Parent.class))).isEmpty();

        robot.clickOn("#tab-package");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(cutShort(robot.lookup("#targets").queryAs(Parent.class))).isEmpty();
        assertThat(cutShort(robot.lookup("#requires").queryAs(Parent.class))).isEmpty();
        Bounds form = robot.lookup("#name").query().localToScene(robot.lookup("#name").query().getBoundsInLocal());
        assertThat(form.getMaxX()).isGreaterThan(1200);
    }

    @Test
    void at1024x700_theFormsButtonsAreInView_andTheBuildReportHasRoom(FxRobot robot) throws Exception {
        robot.interact(() -> {
            stage.setWidth(1024);
            stage.setHeight(700);
        });
        Path spec = TestPackages.copyAllActions(dir);
        robot.interact(() -> vm.open(spec));
        robot.clickOn("#tab-package");
        WaitForAsyncUtils.waitForFxEvents();
        for (String id : List.of("#add-target", "#remove-target", "#add-requirement", "#remove-requirement")) {
            Node button = robot.lookup(id).query();
            Bounds bounds = button.localToScene(button.getBoundsInLocal());
            assertThat(bounds.getMaxX()).as(id).isLessThanOrEqualTo(workbench.scene().getWidth());
            assertThat(bounds.getMaxY()).as(id).isLessThanOrEqualTo(workbench.scene().getHeight());
        }
        Screenshots.save(workbench.scene(), "workbench-package-1024x700");
        robot.clickOn("#tab-build");
        WaitForAsyncUtils.waitForFxEvents();
        TextArea report = robot.lookup("#build-result").queryAs(TextArea.class);
        assertThat(report.getHeight()).isGreaterThanOrEqualTo(4 * 17);
        Screenshots.save(workbench.scene(), "workbench-build-1024x700");
    }

    @Test
    void everyEmptyTableAndList_saysWhyInTheWorkbenchsOwnWords(FxRobot robot) {
        robot.interact(() -> vm.newPackageIn(dir));
        List<Control> withoutPlaceholder = new ArrayList<>();
        javafx.scene.control.TabPane screens = robot.lookup("#screens").queryAs(javafx.scene.control.TabPane.class);
        addFromPalette(robot, ActionType.COMMAND_RUN);
        for (String tab : List.of("tab-package", "tab-actions", "tab-payloads", "tab-build", "tab-inspect")) {
            Node content = screens.getTabs().stream().filter(t -> tab.equals(t.getId())).findFirst().orElseThrow()
                    .getContent();
            robot.from(content).lookup((Node n) -> (n instanceof TableView<?> t && t.getPlaceholder() == null)
                    || (n instanceof ListView<?> l && l.getPlaceholder() == null))
                    .queryAll().forEach(n -> withoutPlaceholder.add((Control) n));
        }

        assertThat(withoutPlaceholder).extracting(Node::getId).isEmpty();
    }

    @Test
    void thePaletteSaysWhatTheChosenActionTypeDoes(FxRobot robot) {
        robot.clickOn("#tab-actions");
        ListView<ActionType> palette = robot.lookup("#palette").queryListView();
        robot.interact(() -> palette.getSelectionModel().select(ActionType.FILE_COPY));

        assertThat(robot.lookup("#palette-description").queryLabeled().getText())
                .isEqualTo(org.suptools.workbench.document.ActionFields.describe(ActionType.FILE_COPY));
    }

    @Test
    void theBuildScreenSpeaksTheAuthorsLanguage_andExplainsTheFixedDate(FxRobot robot) {
        robot.clickOn("#tab-build");
        List<String> hints = robot.lookup(".hint").queryAll().stream()
                .map(n -> ((Labeled) n).getText()).toList();

        assertThat(String.join("\n", hints)).doesNotContain("PackageBuilder").contains("1980");
    }

    /**
     * The texts of the cells and headers under a node that show less than their whole text
     * ("li..."), but for the actions' summary, the last column, which takes the room left and
     * shows its whole text as a tooltip.
     */
    private static List<String> cutShort(Parent root) {
        List<String> cut = new ArrayList<>();
        collect(root, cut);
        return cut;
    }

    private static void collect(Parent parent, List<String> cut) {
        for (Node child : parent.getChildrenUnmodifiable()) {
            boolean flexible = child instanceof TableCell<?, ?> cell && cell.getTableColumn() != null
                    && "actions-summary".equals(cell.getTableColumn().getId());
            if (child instanceof Labeled labeled && labeled.isVisible() && !flexible && labeled.getText() != null
                    && !labeled.getText().isEmpty()) {
                labeled.getChildrenUnmodifiable().stream().filter(Text.class::isInstance).map(Text.class::cast)
                        .filter(text -> !text.getText().equals(labeled.getText()))
                        .forEach(text -> cut.add(labeled.getText() + " shown as " + text.getText()));
            }
            if (child instanceof Parent p) {
                collect(p, cut);
            }
        }
    }

    private static Node cell(FxRobot robot, String columnId, int row) {
        return robot.lookup((Node n) -> n instanceof TableCell<?, ?> c && c.getTableColumn() != null
                && columnId.equals(c.getTableColumn().getId()) && c.getIndex() == row).query();
    }

    private Node payloadRow(FxRobot robot, String name) {
        return robot.lookup("#payloads-table").lookup((Node n) -> n instanceof TableRow<?> r && r.getItem() instanceof PayloadRow p
                && p.name().equals(name)).query();
    }

    private void addFromPalette(FxRobot robot, ActionType type) {
        ListView<ActionType> palette = robot.lookup("#palette").queryListView();
        robot.interact(() -> palette.scrollTo(type));
        Node cell = robot.from(palette).lookup((Node n) -> n instanceof ListCell<?> c && type.typeName().equals(c.getText()))
                .query();
        robot.clickOn(cell);
        robot.clickOn("#add-action");
        WaitForAsyncUtils.waitForFxEvents();
    }
}
