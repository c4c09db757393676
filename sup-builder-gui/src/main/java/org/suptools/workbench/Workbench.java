package org.suptools.workbench;

import atlantafx.base.theme.PrimerLight;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import javafx.application.Application;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.suptools.workbench.service.AgentGateways;
import org.suptools.workbench.service.FilePayloadStore;
import org.suptools.workbench.service.GatewayBook;
import org.suptools.workbench.service.KeyRing;
import org.suptools.workbench.service.RecentFiles;
import org.suptools.workbench.service.SupTree;
import org.suptools.workbench.service.InstallerInTempFolder;
import org.suptools.workbench.service.ModelPackageService;
import org.suptools.workbench.view.FileDialogs;
import org.suptools.workbench.view.FxBackgroundRunner;
import org.suptools.workbench.view.MainView;
import org.suptools.workbench.viewmodel.MainViewModel;

/** Puts the window together: services, view-models, views, theme. The application and the window tests share it. */
public final class Workbench {

    public static final double WIDTH = 1280;
    public static final double HEIGHT = 800;

    private final MainViewModel viewModel;
    private final MainView view;
    private final Scene scene;

    private Workbench(MainViewModel viewModel, FileDialogs dialogs) {
        this.viewModel = viewModel;
        this.view = new MainView(viewModel, dialogs);
        Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
        this.scene = new Scene(view.root(), WIDTH, HEIGHT);
        scene.getStylesheets().add(Workbench.class.getResource("view/workbench.css").toExternalForm());
    }

    /**
     * The real services: the model's packaging, files on disk, the installer as a process, and the
     * user's gateways and recent files in {@code $XDG_CONFIG_HOME/sup-workbench} (or
     * {@code ~/.config/sup-workbench}).
     */
    public static MainViewModel.Services defaultServices() {
        return defaultServices(GatewayBook.inUserConfig().dir());
    }

    /** The real services, keeping the gateways, their tokens, the recent files and the key ring in {@code configDir}. */
    public static MainViewModel.Services defaultServices(Path configDir) {
        return new MainViewModel.Services(new FilePayloadStore(), new ModelPackageService(Clock.systemUTC()),
                new FxBackgroundRunner(), new InstallerInTempFolder(), installerCommand(), Clock.systemUTC(),
                new AgentGateways(new GatewayBook(configDir)), new RecentFiles(configDir),
                SupTree.fromEnvironment(), new KeyRing(configDir));
    }

    /** The installer: {@code -Dsup.installer=PATH} (the launcher sets it), else {@code sup-installer} on the PATH. */
    static List<String> installerCommand() {
        return List.of(Optional.ofNullable(System.getProperty("sup.installer"))
                .or(() -> Optional.ofNullable(System.getenv("SUP_INSTALLER")))
                .orElse("sup-installer"));
    }

    /** Builds the window's scene into a stage; the stage's title follows the package and its unsaved mark. */
    public static Workbench show(Stage stage, MainViewModel.Services services, FileDialogs dialogs,
            Optional<Path> toOpen) {
        Workbench workbench = new Workbench(new MainViewModel(services), dialogs);
        stage.setScene(workbench.scene);
        stage.titleProperty().bind(workbench.viewModel.titleBinding());
        stage.setMinWidth(960);
        stage.setMinHeight(640);
        stage.setOnCloseRequest(e -> {
            if (!workbench.view.confirmDiscard()) {
                e.consume();
            }
        });
        workbench.view.setExit(() -> {
            if (workbench.view.confirmDiscard()) {
                stage.close();
            }
        });
        toOpen.ifPresent(workbench.viewModel::open);
        stage.show();
        return workbench;
    }

    public MainViewModel viewModel() {
        return viewModel;
    }

    public MainView view() {
        return view;
    }

    public Scene scene() {
        return scene;
    }
}
