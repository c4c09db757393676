package org.suptools.workbench.fx;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.suptools.model.archive.ArchiveOptions;
import org.suptools.model.archive.ProgressListener;
import org.suptools.model.packaging.PackageBuilder;
import org.suptools.model.spec.SpecFiles;
import org.suptools.workbench.TestPackages;
import org.suptools.workbench.Workbench;
import org.suptools.workbench.service.RecentFiles;
import org.suptools.workbench.service.SupTree;
import org.suptools.workbench.viewmodel.MainViewModel;
import org.suptools.workbench.viewmodel.Screen;
import org.testfx.api.FxRobot;
import org.testfx.robot.Motion;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * File > Open recent, File > New from sample and Help, clicked in the real window. The browser is
 * the window's seam for the desktop's HostServices: the test records the pages it is asked to show.
 */
@ExtendWith(ApplicationExtension.class)
class FileAndHelpMenusWindowTest {

    /** The source tree the tests run in: its samples and its guide. */
    private static final Path TREE = Path.of("..").toAbsolutePath().normalize();
    private static final Path SAMPLE = TREE.resolve("sample-packages/packages/runtime-config");

    @TempDir
    Path dir;

    /** The test's folder stands for the user's home: the recent files are shown as ~/... */
    @RegisterExtension
    final UserHome home = new UserHome();

    Workbench workbench;
    MainViewModel vm;
    final AnsweringDialogs dialogs = new AnsweringDialogs();
    final List<String> browsed = new ArrayList<>();

    @Start
    void start(Stage stage) {
        home.set(dir);
        var s = TestPackages.services();
        var services = new MainViewModel.Services(s.payloads(), s.packages(), s.runner(), s.launcher(), s.installer(),
                s.clock(), s.gateways(), new RecentFiles(dir.resolve("config")), new SupTree(TREE, "9.8.7"));
        workbench = Workbench.show(stage, services, dialogs, Optional.empty());
        workbench.view().setBrowser(browsed::add);
        stage.setWidth(Workbench.WIDTH);
        stage.setHeight(Workbench.HEIGHT);
        vm = workbench.viewModel();
    }

    @Test
    void openRecent_listsNewestFirst_reopensASpecAndASup_andDropsAFileGoneSince(FxRobot robot) throws Exception {
        Path first = TestPackages.copyAllActions(Files.createDirectories(dir.resolve("projects/acme-demo")));
        Path second = TestPackages.copyAllActions(Files.createDirectories(dir.resolve("projects/acme-tools")));
        Path sup = Files.createDirectories(dir.resolve("builds")).resolve("acme-demo-1.4.0.sup");
        new PackageBuilder(ArchiveOptions.fromEnvironment(), ProgressListener.NONE)
                .build(SpecFiles.loadValid(first.getParent(), TestPackages.CLOCK.instant()), sup, List.of());
        assertThat(menuItem(robot, "menu-recent").isDisable()).as("nothing opened yet").isTrue();
        dialogs.files.add(first);
        menu(robot, "menu-file", "menu-open");
        dialogs.files.add(second);
        menu(robot, "menu-file", "menu-open");
        dialogs.files.add(sup);
        menu(robot, "menu-file", "menu-open-sup");

        assertThat(recentTexts(robot)).containsExactly("~/builds/acme-demo-1.4.0.sup", "~/projects/acme-tools/sup.yaml", "~/projects/acme-demo/sup.yaml");

        menu(robot, "menu-file", "menu-recent");
        Screenshots.saveWithMenus(workbench.scene(), "workbench-open-recent");
        robot.clickOn("#menu-recent-2", Motion.HORIZONTAL_FIRST);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(vm.model().specFile()).isEqualTo(first);
        assertThat(vm.screenProperty().get()).isEqualTo(Screen.ACTIONS);
        assertThat(recentTexts(robot)).containsExactly("~/projects/acme-demo/sup.yaml", "~/builds/acme-demo-1.4.0.sup", "~/projects/acme-tools/sup.yaml");

        // Unsaved work in the editor: a .sup opens read-only beside it, so nothing is asked and nothing lost.
        robot.clickOn("#tab-package");
        robot.clickOn("#description").write(" (edited)");
        menu(robot, "menu-file", "menu-recent", "menu-recent-1");
        assertThat(dialogs.unsavedQuestions).isZero();
        assertThat(vm.screenProperty().get()).isEqualTo(Screen.INSPECT);
        assertThat(vm.inspector().openedProperty().get().file()).isEqualTo(sup);
        assertThat(vm.model().document().metadata().description()).endsWith(" (edited)");
        assertThat(vm.hasUnsavedChanges()).isTrue();
        robot.interact(vm::save);
        assertThat(recentTexts(robot)).as("saved: newest").containsExactly("~/projects/acme-demo/sup.yaml", "~/builds/acme-demo-1.4.0.sup",
                "~/projects/acme-tools/sup.yaml");

        deleteTree(second.getParent());
        menu(robot, "menu-file", "menu-recent", "menu-recent-2");
        assertThat(robot.lookup("#status").queryLabeled().getText())
                .isEqualTo("~/projects/acme-tools/sup.yaml is no longer there; removed from the recent files.");
        assertThat(recentTexts(robot)).containsExactly("~/projects/acme-demo/sup.yaml", "~/builds/acme-demo-1.4.0.sup");
        assertThat(Files.readAllLines(dir.resolve("config/recent.txt")))
                .containsExactly(first.toString(), sup.toString());
        assertThat(vm.model().specFile()).as("the open package stays").isEqualTo(first);
    }

    @Test
    void newFromSample_copiesItIntoAnEmptyFolder_opensTheCopyToEdit_andLeavesTheSampleAlone(FxRobot robot)
            throws Exception {
        Map<String, String> sampleBefore = contents(SAMPLE);
        Path copy = Files.createDirectories(dir.resolve("projects/my-config"));
        assertThat(menuItem(robot, "menu-sample-runtime-config").getText())
                .isEqualTo("runtime configuration change (runtime-config)");
        dialogs.files.add(copy);

        menu(robot, "menu-file", "menu-from-sample");
        Screenshots.saveWithMenus(workbench.scene(), "workbench-new-from-sample");
        robot.clickOn("#menu-sample-runtime-config", Motion.HORIZONTAL_FIRST);
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(vm.model().specFile()).isEqualTo(copy.resolve("sup.yaml"));
        assertThat(contents(copy)).isEqualTo(sampleBefore);
        assertThat(robot.lookup("#status").queryLabeled().getText())
                .isEqualTo("New package from the sample runtime-config in ~/projects/my-config.");
        assertThat(vm.problems().problems()).isEmpty();

        robot.clickOn("#tab-package");
        TextField name = robot.lookup("#name").queryAs(TextField.class);
        robot.doubleClickOn(name).eraseText(name.getText().length()).write("my-config");
        robot.press(KeyCode.CONTROL, KeyCode.S).release(KeyCode.S, KeyCode.CONTROL);
        assertThat(vm.hasUnsavedChanges()).isFalse();
        assertThat(Files.readString(copy.resolve("sup.yaml"))).contains("name: my-config");
        assertThat(contents(SAMPLE)).as("the sample itself").isEqualTo(sampleBefore);

        Path taken = Files.createDirectories(dir.resolve("projects/taken"));
        Files.writeString(taken.resolve("notes.txt"), "mine");
        dialogs.files.add(taken);
        menu(robot, "menu-file", "menu-from-sample", "menu-sample-runtime-config");

        assertThat(robot.lookup("#status").queryLabeled().getText())
                .contains("Cannot copy the sample runtime-config").contains("not empty; choose an empty folder");
        assertThat(contents(taken)).containsOnlyKeys("notes.txt");
        assertThat(taken.resolve("notes.txt")).hasContent("mine");
        assertThat(vm.model().specFile()).as("the copy stays open").isEqualTo(copy.resolve("sup.yaml"));
        assertThat(contents(SAMPLE)).isEqualTo(sampleBefore);
    }

    @Test
    void help_showsTheGuideAndTheActionReferenceInTheBrowser_andAboutNamesTheVersion(FxRobot robot) {
        menu(robot, "menu-help", "menu-guide");
        assertThat(browsed).containsExactly(TREE.resolve("docs/guide/README.md").toUri().toString());
        assertThat(robot.lookup("#status").queryLabeled().getText()).isEqualTo("The user guide is open in the browser.");

        robot.push(KeyCode.F1);
        assertThat(browsed).hasSize(2).last().isEqualTo(browsed.get(0));

        menu(robot, "menu-help", "menu-action-reference");
        assertThat(browsed).last().isEqualTo(
                TREE.resolve("docs/reference/install-process.md").toUri() + "#actions-on-the-gateway");

        menu(robot, "menu-help", "menu-about");
        DialogPane about = robot.lookup(".dialog-pane").queryAs(DialogPane.class);
        assertThat(about.getHeaderText()).isEqualTo("SUP Workbench");
        assertThat(about.getContentText()).startsWith("SUP Workbench 9.8.7\n").endsWith("SUP tree: " + TREE);
        robot.clickOn(robot.from(about).lookup(".button").queryButton());
        assertThat(robot.lookup(".dialog-pane").tryQuery()).isEmpty();
        assertThat(browsed).hasSize(3);
    }

    /**
     * Clicks through the menus by their ids: a menu of the bar, an item of its popup, an item of a
     * submenu, the way a hand does it: down into the menu, then across into the submenu, since
     * crossing another item of the menu on the way would close the submenu.
     */
    static void menu(FxRobot robot, String... ids) {
        for (int i = 0; i < ids.length; i++) {
            Motion motion = i == 0 ? Motion.DIRECT : i == 1 ? Motion.VERTICAL_FIRST : Motion.HORIZONTAL_FIRST;
            robot.clickOn("#" + ids[i], motion);
            WaitForAsyncUtils.waitForFxEvents();
        }
    }

    private MenuItem menuItem(FxRobot robot, String id) {
        MenuBar bar = robot.lookup("#menu").queryAs(MenuBar.class);
        return bar.getMenus().stream().flatMap(FileAndHelpMenusWindowTest::items)
                .filter(item -> id.equals(item.getId())).findFirst().orElseThrow(() -> new AssertionError("no " + id));
    }

    private static Stream<MenuItem> items(MenuItem item) {
        return item instanceof Menu menu
                ? Stream.concat(Stream.of(menu), menu.getItems().stream().flatMap(FileAndHelpMenusWindowTest::items))
                : Stream.of(item);
    }

    /** What File > Open recent lists, as shown. */
    private List<String> recentTexts(FxRobot robot) {
        return ((Menu) menuItem(robot, "menu-recent")).getItems().stream().map(MenuItem::getText).toList();
    }

    /** Every file under a folder, by relative path, with its content (Base64: payloads may be binary). */
    private static Map<String, String> contents(Path root) throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path file : walk.filter(Files::isRegularFile).toList()) {
                files.put(root.relativize(file).toString(), Base64.getEncoder().encodeToString(Files.readAllBytes(file)));
            }
        }
        return files;
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
