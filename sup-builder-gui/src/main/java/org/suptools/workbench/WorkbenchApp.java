package org.suptools.workbench;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import javafx.application.Application;
import javafx.stage.Stage;
import org.suptools.workbench.view.FxFileDialogs;

/** The Workbench application: one window, opening the spec, directory or .sup named on the command line. */
public final class WorkbenchApp extends Application {

    @Override
    public void start(Stage stage) {
        List<String> args = getParameters().getUnnamed();
        Optional<Path> toOpen = args.isEmpty() ? Optional.empty() : Optional.of(Path.of(args.get(0)).toAbsolutePath());
        Workbench.show(stage, Workbench.defaultServices(), new FxFileDialogs(stage), toOpen)
                .view().setBrowser(getHostServices()::showDocument);
    }
}
