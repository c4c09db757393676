package org.suptools.workbench.fx;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import javafx.scene.control.ListView;
import javafx.scene.input.Clipboard;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.suptools.workbench.TestPackages;
import org.suptools.workbench.Workbench;
import org.suptools.workbench.service.RecentFiles;
import org.suptools.workbench.service.SupTree;
import org.suptools.workbench.viewmodel.MainViewModel;
import org.suptools.workbench.viewmodel.Screen;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The menus and buttons authors asked for (issue 13, section 3), clicked in the real window. */
@ExtendWith(ApplicationExtension.class)
class AuthorsMenusWindowTest {

    @TempDir
    Path dir;

    MainViewModel vm;
    final AnsweringDialogs dialogs = new AnsweringDialogs();

    @Start
    void start(Stage stage) throws Exception {
        var s = TestPackages.services();
        var services = new MainViewModel.Services(s.payloads(), s.packages(), s.runner(), s.launcher(), s.installer(),
                s.clock(), s.gateways(), new RecentFiles(dir.resolve("config")),
                new SupTree(Path.of("..").toAbsolutePath().normalize(), "9.8.7"));
        vm = Workbench.show(stage, services, dialogs, Optional.empty()).viewModel();
    }

    @Test
    void build_thenInspect_apply_andCopyTheLog_fromTheBuildTab(FxRobot robot) throws Exception {
        Path spec = TestPackages.copyAllActions(Files.createDirectories(dir.resolve("pkg")));
        robot.interact(() -> vm.open(spec));
        robot.interact(() -> vm.screenProperty().set(Screen.BUILD));

        robot.clickOn("#build-button");
        ListView<String> log = robot.lookup("#build-log").queryListView();
        assertThat(log.getItems()).last().asString().endsWith("done in 0 ms");
        robot.clickOn("#build-copy-log");
        String copied = WaitForAsyncUtils.asyncFx(() -> Clipboard.getSystemClipboard().getString()).get();
        assertThat(copied).isEqualTo(vm.build().logText()).contains(" wrote ");

        robot.clickOn("#build-inspect");
        assertThat(vm.screenProperty().get()).isEqualTo(Screen.INSPECT);
        assertThat(vm.inspector().openedProperty().get().file()).isEqualTo(vm.build().resultProperty().get().file());

        robot.interact(() -> vm.screenProperty().set(Screen.BUILD));
        robot.clickOn("#build-apply");
        assertThat(vm.screenProperty().get()).isEqualTo(Screen.APPLY);
        assertThat(vm.apply().packageFileProperty().get()).isEqualTo(vm.build().resultProperty().get().file());
    }
}
