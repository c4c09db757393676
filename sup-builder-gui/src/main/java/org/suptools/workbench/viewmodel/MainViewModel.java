package org.suptools.workbench.viewmodel;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.SimpleBooleanProperty;
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
import org.suptools.workbench.service.ModelPackageComparer;
import org.suptools.workbench.service.PackageService;
import org.suptools.workbench.service.PayloadStore;
import org.suptools.workbench.service.KeyRing;
import org.suptools.workbench.service.RecentFiles;
import org.suptools.workbench.service.SampleLibrary;
import org.suptools.workbench.service.SupTree;
import java.util.Optional;
import java.util.function.Consumer;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The main window: which package is open, its title with the unsaved-changes mark, new, open,
 * save, undo and redo, and the view-models of every screen.
 */
public final class MainViewModel {

    private final DocumentModel model;
    private final ObjectProperty<Screen> screen = new SimpleObjectProperty<>(this, "screen", Screen.PACKAGE);
    /** What the last command said; the status line adds the errors still to fix, counted live, when it asks. */
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");
    private final BooleanProperty countErrors = new SimpleBooleanProperty(this, "countErrors");
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "");
    /**
     * True while the window shows only a .sup opened read-only (from the command line, say): the
     * editor's blank package is not the user's work, so the title names the .sup and no problem of
     * the blank package is listed.
     */
    private final ReadOnlyBooleanWrapper inspectingOnly = new ReadOnlyBooleanWrapper(this, "inspectingOnly");
    private final StringBinding title;
    private final StringBinding saveState;
    private final MetadataViewModel metadata;
    private final ActionsViewModel actions;
    private final ActionEditorViewModel editor;
    private final ProblemsViewModel problems;
    private final PayloadsViewModel payloads;
    private final BuildViewModel build;
    private final InspectorViewModel inspector;
    private final CompareViewModel compare;
    private final ApplyViewModel apply;
    private final GatewaysViewModel gateways;
    private final RecentFiles recentFiles;
    private final SampleLibrary samples;
    private final SupTree tree;
    private final ObservableList<Path> recent = FXCollections.observableArrayList();
    /**
     * One read-only view, kept: a view listens to its list only weakly, so a listener added to a
     * view made afresh for each caller stops hearing of changes once that view is collected.
     */
    private final ObservableList<Path> recentView = FXCollections.unmodifiableObservableList(recent);

    public MainViewModel(Services services) {
        this.recentFiles = services.recent();
        this.samples = services.tree().samples();
        this.tree = services.tree();
        try {
            recent.setAll(recentFiles.list());
        } catch (IOException e) {
            say("Recent files not read: " + e.getMessage(), false);
        }
        this.model = new DocumentModel(services.payloads(), services.clock());
        this.metadata = new MetadataViewModel(model);
        this.actions = new ActionsViewModel(model);
        this.editor = new ActionEditorViewModel(model, services.payloads());
        this.problems = new ProblemsViewModel(model, screen);
        problems.hideWhile(inspectingOnly);
        this.payloads = new PayloadsViewModel(model, services.payloads(), services.runner());
        this.compare = new CompareViewModel(new ModelPackageComparer(), services.runner());
        this.build = new BuildViewModel(model, services.packages(), services.runner(), this::open,
                this::toApply, services.clock(), this::compare, services.keys());
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
            if (inspectingOnly.get() && inspector.openedProperty().get() != null) {
                var manifest = inspector.openedProperty().get().manifest();
                return manifest.name() + " " + manifest.version() + " (read-only) - "
                        + ShownPath.of(inspector.openedProperty().get().file()) + " - SUP Workbench";
            }
            Path file = model.specFile();
            String name = model.document().metadata().name();
            return (history.isDirty() ? "* " : "") + (name.isBlank() ? "untitled" : name)
                    + (model.onDiskProperty().get() ? "" : " (not saved)")
                    + (file == null ? "" : " - " + ShownPath.of(file)) + " - SUP Workbench";
        }, history.dirtyProperty(), model.specFileProperty(), model.documentProperty(), model.onDiskProperty(),
                inspectingOnly, inspector.openedProperty());
        saveState = Bindings.createStringBinding(() -> inspectingOnly.get() ? "Read-only"
                        : !model.onDiskProperty().get() ? "Not saved"
                        : history.isDirty() ? "Unsaved changes" : "Saved",
                history.dirtyProperty(), model.onDiskProperty(), inspectingOnly);
        status.bind(Bindings.createStringBinding(() -> {
            long errors = model.assembly().errorCount();
            return message.get() + (countErrors.get() && errors > 0
                    ? " (" + Counts.of(errors, "error") + " still to fix)" : "");
        }, message, countErrors, model.assemblyProperty()));
        model.documentProperty().addListener((obs, old, now) -> inspectingOnly.set(false));
    }

    private void say(String text, boolean withErrors) {
        countErrors.set(withErrors);
        message.set(text);
    }

    /** What the view-models need from outside, as interfaces a test can replace. */
    public record Services(PayloadStore payloads, PackageService packages, BackgroundRunner runner,
            InstallerLauncher launcher, List<String> installer, Clock clock, GatewayService gateways,
            RecentFiles recent, SupTree tree, KeyRing keys) {

        /** Services whose signing keys are remembered for the session only. */
        public Services(PayloadStore payloads, PackageService packages, BackgroundRunner runner,
                InstallerLauncher launcher, List<String> installer, Clock clock, GatewayService gateways,
                RecentFiles recent, SupTree tree) {
            this(payloads, packages, runner, launcher, installer, clock, gateways, recent, tree, KeyRing.inMemory());
        }

        /** Services run from no source tree: no samples, and Help says where the guide is. */
        public Services(PayloadStore payloads, PackageService packages, BackgroundRunner runner,
                InstallerLauncher launcher, List<String> installer, Clock clock, GatewayService gateways,
                RecentFiles recent) {
            this(payloads, packages, runner, launcher, installer, clock, gateways, recent,
                    new SupTree(null, SupTree.builtVersion()));
        }

        /** Services whose recent files are remembered for the session only. */
        public Services(PayloadStore payloads, PackageService packages, BackgroundRunner runner,
                InstallerLauncher launcher, List<String> installer, Clock clock, GatewayService gateways) {
            this(payloads, packages, runner, launcher, installer, clock, gateways, RecentFiles.inMemory());
        }

        /** Services that reach no remote gateway. */
        public Services(PayloadStore payloads, PackageService packages, BackgroundRunner runner,
                InstallerLauncher launcher, List<String> installer, Clock clock) {
            this(payloads, packages, runner, launcher, installer, clock, GatewayService.NONE);
        }
    }

    /** A new, unsaved package. */
    public void newPackage() {
        model.load(PackageDocument.empty(), null);
        inspectingOnly.set(false);
        screen.set(Screen.PACKAGE);
        say("New package. Save it to give it a directory for its payload files.", false);
    }

    /** A new package in a directory: its spec will be {@code dir/sup.yaml}. */
    public void newPackageIn(Path dir) {
        model.load(PackageDocument.empty(), dir.resolve(SpecFiles.DEFAULT_NAME));
        inspectingOnly.set(false);
        screen.set(Screen.PACKAGE);
        say("New package in " + ShownPath.of(dir) + ". Not saved yet.", false);
    }

    /**
     * Opens a spec file, a package directory (its sup.yaml; a new package when it has none) or a
     * .sup (read-only, on the Inspect screen). Returns false, with the reason in the status, when it
     * cannot.
     */
    public boolean open(Path path) {
        if (isPackageFile(path)) {
            if (model.specFile() == null && !model.history().canUndoProperty().get() && !model.history().isDirty()) {
                inspectingOnly.set(true);
            }
            compare.close();
            inspector.open(path);
            apply.packageFileProperty().set(path);
            screen.set(Screen.INSPECT);
            say("Opened " + ShownPath.of(path) + " read-only.", false);
            remember(path);
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
            inspectingOnly.set(false);
            screen.set(Screen.ACTIONS);
            say("Opened " + ShownPath.of(file), true);
            remember(file);
            return true;
        } catch (SpecException e) {
            say("Cannot open: " + e.getMessage(), false);
            return false;
        } catch (IllegalArgumentException e) {
            say("Cannot open " + ShownPath.of(path) + ": " + e.getMessage(), false);
            return false;
        }
    }

    /** Whether {@link #open} opens this path read-only on the Inspect screen (a built package), not in the editor. */
    public static boolean isPackageFile(Path path) {
        String name = path.getFileName() == null ? "" : path.getFileName().toString();
        return name.endsWith(".sup") || name.endsWith(".pkg");
    }

    /** Chooses a built package on the Packages screen, the gateway left as it was: the author dry-runs or applies it there. */
    public void toApply(Path supFile) {
        apply.packageFileProperty().set(supFile);
        screen.set(Screen.APPLY);
    }

    /** Compares two built packages, {@code a} the older, on the Inspect screen: what {@code sup diff a b} shows. */
    public void compare(Path a, Path b) {
        compare.compare(a, b);
        screen.set(Screen.INSPECT);
    }

    /** Help > User guide: shows the guide's contents page in the browser, or says where it is. */
    public void openGuide(Consumer<String> browser) {
        show("The user guide", tree.guide(), browser);
    }

    /** Help > Action reference: what each action type does on the gateway. */
    public void openActionReference(Consumer<String> browser) {
        show("The action reference", tree.actionReference(), browser);
    }

    private void show(String what, Optional<String> page, Consumer<String> browser) {
        page.ifPresentOrElse(uri -> {
            browser.accept(uri);
            say(what + " is open in the browser.", false);
        }, () -> say(what + " is in docs/ of the SUP source tree; it is not found here: start the Workbench "
                + "with bin/sup-workbench, or set SUP_HOME to the tree.", false));
    }

    /** Help > About: the Workbench's version and where it runs from. */
    public String about() {
        return "SUP Workbench " + tree.version() + "\nThe desktop editor for SUP update packages."
                + (tree.home() == null ? "" : "\nSUP tree: " + ShownPath.of(tree.home()));
    }

    /** The sample packages File > New from sample offers; none (and a message) when they cannot be listed. */
    public List<SampleLibrary.Sample> samples() {
        try {
            return samples.list();
        } catch (IOException e) {
            say("Samples not listed: " + e.getMessage(), false);
            return List.of();
        }
    }

    /** Copies a sample (spec and payload) into an empty folder of the user's and opens the copy. */
    public boolean newFromSample(SampleLibrary.Sample sample, Path dir) {
        try {
            Path spec = samples.copy(sample, dir);
            if (!open(spec)) {
                return false;
            }
            say("New package from the sample " + sample.name() + " in " + ShownPath.of(dir) + ".", true);
            return true;
        } catch (IOException e) {
            say("Cannot copy the sample " + sample.name() + ": " + e.getMessage(), false);
            return false;
        }
    }

    /** The specs and packages opened or saved last, newest first (File > Open Recent). */
    public ObservableList<Path> recent() {
        return recentView;
    }

    /**
     * Opens a recent file again; one that is gone is dropped from the list, with a message saying
     * so, rather than left to fail the next time too.
     */
    public boolean openRecent(Path path) {
        if (!Files.exists(path)) {
            try {
                recent.setAll(recentFiles.forget(path));
            } catch (IOException e) {
                recent.remove(path);
            }
            say(ShownPath.of(path) + " is no longer there; removed from the recent files.", false);
            return false;
        }
        return open(path);
    }

    private void remember(Path path) {
        try {
            recent.setAll(recentFiles.remember(path));
        } catch (IOException e) {
            // Opening or saving worked; only the list is not kept, which the user should still hear of.
            message.set(message.get() + " (recent files not saved: " + e.getMessage() + ")");
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
            say("Saved " + ShownPath.of(file), true);
            remember(file);
            return true;
        } catch (IOException e) {
            say("Cannot save " + ShownPath.of(file) + ": " + e.getMessage(), false);
            return false;
        }
    }

    public void undo() {
        model.history().undo();
        say("", false);
    }

    public void redo() {
        model.history().redo();
        say("", false);
    }

    /** Whether closing now would lose work, so the view asks first. */
    public boolean hasUnsavedChanges() {
        return model.history().isDirty();
    }

    public StringBinding titleBinding() {
        return title;
    }

    /** Whether the package is on disk as shown: "Saved", "Unsaved changes", "Not saved" (never written) or "Read-only". */
    public StringBinding saveStateBinding() {
        return saveState;
    }

    /** Whether the window shows only a .sup opened read-only, and no package of the user's in the editor. */
    public ReadOnlyBooleanProperty inspectingOnlyProperty() {
        return inspectingOnly.getReadOnlyProperty();
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

    /** The comparison of two packages the Inspect screen shows. */
    public CompareViewModel compare() {
        return compare;
    }

    public ApplyViewModel apply() {
        return apply;
    }

    /** The remote gateways of the Packages tab. */
    public GatewaysViewModel gateways() {
        return gateways;
    }
}
