package org.suptools.workbench.fx;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Control;
import javafx.scene.control.Labeled;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TableCell;
import javafx.scene.control.TabPane;
import javafx.scene.control.TitledPane;
import javafx.scene.input.KeyCode;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.suptools.workbench.TestPackages;
import org.suptools.workbench.Workbench;
import org.suptools.workbench.viewmodel.MainViewModel;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The window at 1024x700, the smallest the guide promises: every control in view, or brought into view. */
@ExtendWith(ApplicationExtension.class)
class SmallWindowTest {

    private static final double WIDTH = 1024;
    private static final double HEIGHT = 700;

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
        stage.setWidth(WIDTH);
        stage.setHeight(HEIGHT);
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
    void packageScreen_theTablesAddAndRemoveButtons_areInViewWithoutScrolling_andAddARow(FxRobot robot)
            throws Exception {
        Path spec = TestPackages.copyAllActions(dir);
        robot.interact(() -> vm.open(spec));
        robot.clickOn("#tab-package");
        WaitForAsyncUtils.waitForFxEvents();

        Bounds view = viewport(robot);
        for (String id : List.of("#add-target", "#remove-target", "#add-requirement", "#remove-requirement")) {
            assertThat(view.contains(sceneBounds(robot.lookup(id).query()))).as(id + " inside " + view).isTrue();
        }
        assertThat(cutShort(robot.lookup("#package-scroll").queryAs(ScrollPane.class).getContent()))
                .as("labels and buttons shown whole").isEmpty();
        Screenshots.save(workbench.scene(), "workbench-package-1024x700");

        int targets = vm.metadata().targets().rows().size();
        int requires = vm.metadata().requires().rows().size();
        robot.clickOn("#add-target");
        robot.clickOn("#add-requirement");

        assertThat(vm.metadata().targets().rows()).hasSize(targets + 1);
        assertThat(vm.metadata().requires().rows()).hasSize(requires + 1);
    }

    @Test
    void packageScreen_everyControlTheFocusGoesTo_isScrolledIntoView(FxRobot robot) throws Exception {
        Path spec = TestPackages.copyAllActions(dir);
        robot.interact(() -> vm.open(spec));
        robot.clickOn("#tab-package");
        WaitForAsyncUtils.waitForFxEvents();
        ScrollPane scroll = robot.lookup("#package-scroll").queryAs(ScrollPane.class);
        List<Control> controls = new ArrayList<>();
        collectFocusable(scroll.getContent(), controls);
        assertThat(controls).extracting(Node::getId).contains("name", "allowDowngrade", "targets", "requires",
                "add-target", "add-requirement");

        List<String> outOfView = new ArrayList<>();
        for (Control control : controls) {
            robot.interact(control::requestFocus);
            WaitForAsyncUtils.waitForFxEvents();
            if (!viewport(robot).contains(sceneBounds(control))) {
                outOfView.add(control.getId() + " at " + sceneBounds(control));
            }
        }
        assertThat(outOfView).as("viewport " + viewport(robot)).isEmpty();

        // The keyboard's way: from the first field to the last control, each one in view as it gets the focus.
        robot.interact(() -> scroll.setVvalue(scroll.getVmin()));
        robot.clickOn("#name");
        for (int i = 0; i < controls.size(); i++) {
            robot.push(KeyCode.TAB);
            WaitForAsyncUtils.waitForFxEvents();
            Node focused = workbench.scene().getFocusOwner();
            if (controls.contains(focused)) {
                assertThat(viewport(robot).contains(sceneBounds(focused))).as(focused.getId()).isTrue();
            }
        }
    }

    @Test
    void everyScreen_showsEachControlWholeInsideItsPane_orInAPaneThatScrolls(FxRobot robot) throws Exception {
        Path spec = TestPackages.copyAllActions(dir);
        robot.interact(() -> vm.open(spec));
        robot.interact(() -> vm.actions().select(2));
        assertThat(vm.actions().rows().get(2).type()).as("an action with a payload picker").isEqualTo("file.copy");
        TabPane screens = robot.lookup("#screens").queryAs(TabPane.class);
        List<String> problems = new ArrayList<>();

        for (Tab tab : List.copyOf(screens.getTabs())) {
            robot.interact(() -> screens.getSelectionModel().select(tab));
            WaitForAsyncUtils.waitForFxEvents();
            List<String> found = new ArrayList<>();
            overflowing(tab.getContent(), tab.getContent(), found);
            found.forEach(problem -> problems.add(tab.getText() + ": " + problem));
        }

        assertThat(problems).isEmpty();
    }

    /**
     * Controls under a node that stick out of a pane they are in (a pane too small for them cuts
     * them off), or show their label cut short, up to {@code bounded}: the screen, or the content of
     * a scroll pane, which may be taller than its view since it scrolls.
     */
    private static void overflowing(Node node, Node bounded, List<String> problems) {
        if (!node.isVisible()) {
            return;
        }
        if (node instanceof ScrollPane scroll) {
            overflowing(scroll.getContent(), scroll.getContent(), problems);
        } else if (node instanceof TitledPane titled) {
            within(titled, bounded, problems);
            if (titled.isExpanded()) {
                overflowing(titled.getContent(), bounded, problems);
            }
        } else if (node instanceof SplitPane split) {
            split.getItems().forEach(item -> overflowing(item, item, problems));
        } else if (node instanceof Control control) {
            within(control, bounded, problems);
            problems.addAll(cutShort(control));
        } else if (node instanceof Parent parent) {
            parent.getChildrenUnmodifiable().forEach(child -> overflowing(child, bounded, problems));
        }
    }

    private static void within(Node control, Node bounded, List<String> problems) {
        Bounds own = sceneBounds(control);
        for (Node pane = control.getParent(); pane != null; pane = pane.getParent()) {
            Bounds room = sceneBounds(pane);
            if (own.getMinX() < room.getMinX() - 1 || own.getMinY() < room.getMinY() - 1
                    || own.getMaxX() > room.getMaxX() + 1 || own.getMaxY() > room.getMaxY() + 1) {
                problems.add(name(control) + " at " + own + " outside its pane " + pane + " at " + room);
                return;
            }
            if (pane == bounded) {
                return;
            }
        }
    }

    private static String name(Node control) {
        return control.getId() != null ? "#" + control.getId()
                : control instanceof Labeled labeled ? "'" + labeled.getText() + "'" : control.toString();
    }

    /**
     * Labels, buttons and cells under a node that show less than their text ("Add requirem..."), but
     * for the actions' summary, the last column, which takes the room left and has a tooltip.
     */
    private static List<String> cutShort(Node node) {
        List<String> cut = new ArrayList<>();
        boolean flexible = node instanceof TableCell<?, ?> cell && cell.getTableColumn() != null
                && "actions-summary".equals(cell.getTableColumn().getId());
        if (!flexible && node instanceof Labeled labeled && labeled.isVisible() && labeled.getText() != null
                && !labeled.getText().isEmpty()) {
            labeled.getChildrenUnmodifiable().stream().filter(Text.class::isInstance).map(Text.class::cast)
                    .filter(text -> !text.getText().equals(labeled.getText()))
                    .forEach(text -> cut.add(labeled.getText() + " shown as " + text.getText()));
        }
        if (node instanceof Parent parent) {
            parent.getChildrenUnmodifiable().forEach(child -> cut.addAll(cutShort(child)));
        }
        return cut;
    }

    private Bounds viewport(FxRobot robot) {
        Node viewport = robot.from(robot.lookup("#package-scroll").queryAs(ScrollPane.class)).lookup(".viewport").query();
        return sceneBounds(viewport);
    }

    private static Bounds sceneBounds(Node node) {
        return node.localToScene(node.getLayoutBounds());
    }

    private static void collectFocusable(Node node, List<Control> into) {
        if (node instanceof Control control && control.isFocusTraversable() && !control.isDisabled()
                && control.isVisible()) {
            into.add(control);
        }
        if (node instanceof Parent parent && !(node instanceof javafx.scene.control.TableView<?>)) {
            parent.getChildrenUnmodifiable().forEach(child -> collectFocusable(child, into));
        }
    }
}
