package org.suptools.workbench.fx;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import org.suptools.workbench.Workbench;

@ExtendWith(ApplicationExtension.class)
class WorkbenchWindowTest {

    @TempDir
    static Path temp;

    Workbench workbench;
    final AnsweringDialogs dialogs = new AnsweringDialogs();

    @Start
    void start(Stage stage) {
        workbench = Workbench.show(stage, Workbench.defaultServices(), dialogs, Optional.empty());
    }

    @Test
    void opensTheExampleWithEveryActionType(FxRobot robot) throws Exception {
        Path spec = Path.of("../sup-model/src/test/resources/specs/all-actions/sup.yaml").toAbsolutePath().normalize();
        robot.interact(() -> workbench.viewModel().open(spec));
        WaitForAsyncUtils.waitForFxEvents();
        robot.interact(() -> workbench.viewModel().actions().select(6));
        WaitForAsyncUtils.waitForFxEvents();
        Path shot = Screenshots.save(workbench.scene(), "workbench-actions");
        assertThat(Files.size(shot)).isLessThan(200_000);
    }
}
