package org.suptools.workbench.viewmodel;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import org.suptools.installer.api.client.InstallerLauncher;
import org.suptools.workbench.service.GatewayService;
import org.suptools.model.spec.SpecFiles;
import org.suptools.model.validation.SpecException;
import org.suptools.workbench.document.DocumentCodec;
import org.suptools.workbench.document.PackageDocument;
import org.suptools.workbench.history.EditHistory;
import org.suptools.workbench.service.BackgroundRunner;
import org.suptools.workbench.service.PackageService;
import org.suptools.workbench.service.PayloadStore;

/**
 * The main window: which package is open, its title with the unsaved-changes mark, new, open,
 * save, undo and redo, and the view-models of every screen.
 */
public final class MainViewModel {

    private final DocumentModel model;
    private final ObjectProperty<Screen> screen = new SimpleObjectProperty<>(this, "screen", Screen.PACKAGE);
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "");
    private final StringBinding title;
    private final MetadataViewModel metadata;
    private final ActionsViewModel actions;
    private final ActionEditorViewModel editor;
    private final ProblemsViewModel problems;
    private final PayloadsViewModel payloads;
    private final BuildViewModel build;
    private final InspectorViewModel inspector;
    private final ApplyViewModel apply;
    private final GatewaysViewModel gateways;

    public MainViewModel(Services services) {
        this.model = new DocumentModel(services.payloads(), services.clock());
        this.metadata = new MetadataViewModel(model);
        this.actions = new ActionsViewModel(model);
        this.editor = new ActionEditorViewModel(model, services.payloads());
        this.problems = new ProblemsViewModel(model, screen);
        this.payloads = new PayloadsViewModel(model, services.payloads(), services.runner());
        this.build = new BuildViewModel(model, services.packages(), services.runner());
        this.inspector = new InspectorViewModel(services.packages(), services.runner(), spec -> {
            if (open(spec)) {
                screen.set(Screen.ACTIONS);
            }
        });
        this.apply = new ApplyViewModel(services.launcher(), services.runner(), services.installer(),
                services.gateways());
        this.gateways = new GatewaysViewModel(services.gateways(), services.runner(), apply);
        EditHistory history = model.history();
        title = Bindings.createStringBinding(() -> {
            Path file = model.specFile();
            String name = model.document().metadata().name();
            return (history.isDirty() ? "* " : "") + (name.isBlank() ? "untitled" : name)
                    + (file == null ? " (not saved)" : " - " + ShownPath.of(file)) + " - SUP Workbench";
        }, history.dirtyProperty(), model.specFileProperty(), model.documentProperty());
    }

    /** What the view-models need from outside, as interfaces a test can replace. */
    public record Services(PayloadStore payloads, PackageService packages, BackgroundRunner runner,
            InstallerLauncher launcher, List<String> installer, Clock clock, GatewayService gateways) {

        /** Services that reach no remote gateway. */
        public Services(PayloadStore payloads, PackageService packages, BackgroundRunner runner,
                InstallerLauncher launcher, List<String> installer, Clock clock) {
            this(payloads, packages, runner, launcher, installer, clock, GatewayService.NONE);
        }
    }

    /** A new, unsaved package. */
    public void newPackage() {
        model.load(PackageDocument.empty(), null);
        screen.set(Screen.PACKAGE);
        status.set("New package. Save it to give it a directory for its payload files.");
    }

    /** A new package in a directory: its spec will be {@code dir/sup.yaml}. */
    public void newPackageIn(Path dir) {
        model.load(PackageDocument.empty(), dir.resolve(SpecFiles.DEFAULT_NAME));
        screen.set(Screen.PACKAGE);
        status.set("New package in " + ShownPath.of(dir) + ". Not saved yet.");
    }

    /**
     * Opens a spec file, a package directory (its sup.yaml; a new package when it has none) or a
     * .sup (read-only, on the Inspect screen). Returns false, with the reason in the status, when it
     * cannot.
     */
    public boolean open(Path path) {
        if (path.toString().endsWith(".sup") || path.toString().endsWith(".pkg")) {
            inspector.open(path);
            apply.packageFileProperty().set(path);
            screen.set(Screen.INSPECT);
            status.set("Opened " + ShownPath.of(path) + " read-only.");
            return true;
        }
        if (Files.isDirectory(path) && List.of("sup.yaml", "sup.yml", "sup.json").stream()
                .noneMatch(name -> Files.isRegularFile(path.resolve(name)))) {
            newPackageIn(path);
            return true;
        }
        try {
            Path file = SpecFiles.resolve(path);
            PackageDocument document = DocumentCodec.read(file);
            model.load(document, file.toAbsolutePath());
            screen.set(Screen.ACTIONS);
            status.set("Opened " + ShownPath.of(file) + (model.assembly().hasErrors()
                    ? " (" + model.assembly().errorCount() + " errors to fix)" : ""));
            return true;
        } catch (SpecException e) {
            status.set("Cannot open: " + e.getMessage());
            return false;
        } catch (IllegalArgumentException e) {
            status.set("Cannot open " + ShownPath.of(path) + ": " + e.getMessage());
            return false;
        }
    }

    /** Saves to the current file; false when the package has none yet (the view then asks Save As). */
    public boolean save() {
        if (model.specFile() == null) {
            return false;
        }
        return saveAs(model.specFile());
    }

    public boolean saveAs(Path file) {
        try {
            DocumentCodec.write(model.document(), model.assembly(), file);
            model.savedAs(file.toAbsolutePath());
            status.set("Saved " + ShownPath.of(file) + (model.assembly().hasErrors()
                    ? " with " + model.assembly().errorCount() + " errors still to fix" : ""));
            return true;
        } catch (IOException e) {
            status.set("Cannot save " + ShownPath.of(file) + ": " + e.getMessage());
            return false;
        }
    }

    public void undo() {
        model.history().undo();
        status.set("");
    }

    public void redo() {
        model.history().redo();
        status.set("");
    }

    /** Whether closing now would lose work, so the view asks first. */
    public boolean hasUnsavedChanges() {
        return model.history().isDirty();
    }

    public StringBinding titleBinding() {
        return title;
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    public ObjectProperty<Screen> screenProperty() {
        return screen;
    }

    public DocumentModel model() {
        return model;
    }

    public EditHistory history() {
        return model.history();
    }

    public MetadataViewModel metadata() {
        return metadata;
    }

    public ActionsViewModel actions() {
        return actions;
    }

    public ActionEditorViewModel editor() {
        return editor;
    }

    public ProblemsViewModel problems() {
        return problems;
    }

    public PayloadsViewModel payloads() {
        return payloads;
    }

    public BuildViewModel build() {
        return build;
    }

    public InspectorViewModel inspector() {
        return inspector;
    }

    public ApplyViewModel apply() {
        return apply;
    }

    /** The remote gateways of the Packages tab. */
    public GatewaysViewModel gateways() {
        return gateways;
    }
}
