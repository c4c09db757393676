package org.suptools.workbench.view;

import java.io.File;
import java.nio.file.Path;
import java.util.Optional;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import javafx.stage.Window;

/** The real dialogs: JavaFX file choosers and alerts over the main window. */
public final class FxFileDialogs implements FileDialogs {

    public static final FileChooser.ExtensionFilter PKG_FILTER =
            new FileChooser.ExtensionFilter("Package Files (*.pkg)", "*.pkg");
    public static final FileChooser.ExtensionFilter SUP_FILTER =
            new FileChooser.ExtensionFilter("Software Update Package Files (*.sup)", "*.sup");

    private final Window owner;
    private File lastDirectory;

    public FxFileDialogs(Window owner) {
        this.owner = owner;
    }

    /**
     * The chooser of the Packages tab: both filters, as the seed's Packages tab lists them (.pkg
     * first), but open on .sup: that is what the Workbench and {@code sup build} make.
     */
    public static FileChooser packageChooser() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Choose the package to apply");
        chooser.getExtensionFilters().setAll(PKG_FILTER, SUP_FILTER);
        chooser.setSelectedExtensionFilter(SUP_FILTER);
        return chooser;
    }

    @Override
    public Optional<Path> saveReport(String suggestedName) {
        FileChooser chooser = chooser("Save the run's report", new FileChooser.ExtensionFilter("Text", "*.txt"));
        chooser.setInitialFileName(suggestedName);
        return remember(chooser.showSaveDialog(owner));
    }

    @Override
    public Optional<Path> openSpec() {
        return open("Open package spec", new FileChooser.ExtensionFilter("Package specs (sup.yaml, sup.json)",
                "*.yaml", "*.yml", "*.json"));
    }

    @Override
    public Optional<Path> saveSpec() {
        FileChooser chooser = chooser("Save package spec", new FileChooser.ExtensionFilter("Package spec", "*.yaml", "*.yml", "*.json"));
        chooser.setInitialFileName("sup.yaml");
        return remember(chooser.showSaveDialog(owner));
    }

    @Override
    public Optional<Path> openSup() {
        return open("Open a built package", SUP_FILTER, PKG_FILTER);
    }

    @Override
    public Optional<Path> chooseSupToCompare() {
        return open("Compare with a built package", SUP_FILTER);
    }

    @Override
    public Optional<Path> chooseDirectory(String title) {
        DirectoryChooser chooser = new DirectoryChooser();
        chooser.setTitle(title);
        if (lastDirectory != null) {
            chooser.setInitialDirectory(lastDirectory);
        }
        File dir = chooser.showDialog(owner);
        if (dir != null) {
            lastDirectory = dir;
        }
        return Optional.ofNullable(dir).map(File::toPath);
    }

    @Override
    public Optional<Path> choosePayloadFile() {
        return open("Add a payload file", new FileChooser.ExtensionFilter("All files", "*"));
    }

    @Override
    public Optional<Path> chooseBuildOutput(Path suggested) {
        FileChooser chooser = chooser("Build package as", SUP_FILTER);
        if (suggested != null) {
            chooser.setInitialDirectory(suggested.toAbsolutePath().getParent().toFile());
            chooser.setInitialFileName(suggested.getFileName().toString());
        }
        return remember(chooser.showSaveDialog(owner));
    }

    @Override
    public Optional<Path> choosePrivateKey() {
        return open("Choose a private signing key (PEM)", new FileChooser.ExtensionFilter("Private keys", "*.key", "*.pem"),
                new FileChooser.ExtensionFilter("All files", "*"));
    }

    @Override
    public Optional<Path> chooseNewKeyLocation(Path suggested) {
        FileChooser chooser = chooser("Write the new key pair as (NAME gives NAME.key and NAME.pub)");
        if (suggested != null && suggested.toAbsolutePath().getParent() != null
                && suggested.toAbsolutePath().getParent().toFile().isDirectory()) {
            chooser.setInitialDirectory(suggested.toAbsolutePath().getParent().toFile());
            chooser.setInitialFileName(suggested.getFileName().toString());
        }
        return remember(chooser.showSaveDialog(owner));
    }

    @Override
    public Optional<Path> savePublicKey(String suggestedName) {
        FileChooser chooser = chooser("Export the public key (PEM)", new FileChooser.ExtensionFilter("Public keys", "*.pub", "*.pem"));
        chooser.setInitialFileName(suggestedName);
        return remember(chooser.showSaveDialog(owner));
    }

    @Override
    public Optional<Path> chooseTrustStore() {
        return open("Choose a trusted public key (PEM)", new FileChooser.ExtensionFilter("Public keys", "*.pub", "*.pem"));
    }

    @Override
    public Optional<Path> choosePackageToApply() {
        FileChooser chooser = packageChooser();
        if (lastDirectory != null) {
            chooser.setInitialDirectory(lastDirectory);
        }
        return remember(chooser.showOpenDialog(owner));
    }

    @Override
    public Optional<Path> chooseGatewayConfig() {
        return open("Choose the gateway config", new FileChooser.ExtensionFilter("Gateway config", "*.yaml", "*.yml", "*.json"));
    }

    @Override
    public UnsavedChoice askUnsaved(String packageName) {
        ButtonType save = new ButtonType("Save", ButtonBar.ButtonData.YES);
        ButtonType discard = new ButtonType("Discard changes", ButtonBar.ButtonData.NO);
        Alert alert = new Alert(Alert.AlertType.CONFIRMATION,
                "The package " + packageName + " has unsaved changes.", save, discard, ButtonType.CANCEL);
        alert.setHeaderText("Save the changes first?");
        alert.initOwner(owner);
        ButtonType answer = alert.showAndWait().orElse(ButtonType.CANCEL);
        return answer == save ? UnsavedChoice.SAVE : answer == discard ? UnsavedChoice.DISCARD : UnsavedChoice.CANCEL;
    }

    @Override
    public void showError(String message) {
        Alert alert = new Alert(Alert.AlertType.ERROR, message);
        alert.initOwner(owner);
        alert.showAndWait();
    }

    private Optional<Path> open(String title, FileChooser.ExtensionFilter... filters) {
        return remember(chooser(title, filters).showOpenDialog(owner));
    }

    private FileChooser chooser(String title, FileChooser.ExtensionFilter... filters) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(title);
        chooser.getExtensionFilters().setAll(filters);
        if (lastDirectory != null) {
            chooser.setInitialDirectory(lastDirectory);
        }
        return chooser;
    }

    private Optional<Path> remember(File file) {
        if (file != null) {
            lastDirectory = file.getAbsoluteFile().getParentFile();
        }
        return Optional.ofNullable(file).map(File::toPath);
    }
}
