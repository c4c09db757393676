package org.suptools.workbench.view;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import javafx.geometry.Orientation;
import javafx.scene.Parent;
import javafx.scene.control.Alert;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.VBox;
import org.suptools.workbench.service.SampleLibrary;
import org.suptools.workbench.viewmodel.MainViewModel;
import org.suptools.workbench.viewmodel.Screen;

/** The main window's content: menus, the screens as tabs, the problems panel and a status line. */
public final class MainView {

    private static final KeyCombination UNDO = new KeyCodeCombination(KeyCode.Z, KeyCombination.SHORTCUT_DOWN);
    private static final KeyCombination REDO = new KeyCodeCombination(KeyCode.Y, KeyCombination.SHORTCUT_DOWN);
    private static final KeyCombination REDO_SHIFT = new KeyCodeCombination(KeyCode.Z, KeyCombination.SHORTCUT_DOWN,
            KeyCombination.SHIFT_DOWN);

    private final MainViewModel vm;
    private final FileDialogs dialogs;
    private final BorderPane root = new BorderPane();
    private final TabPane tabs = new TabPane();
    private final Map<Screen, Tab> tabOf = new EnumMap<>(Screen.class);
    private final PackageView packageView;
    private final ActionsView actionsView;
    private Runnable exit = () -> { };
    /** The samples File > New from sample lists now; null before it is filled. */
    private List<SampleLibrary.Sample> shownSamples;
    /** Shows a page in the desktop's browser; the application gives its HostServices. */
    private java.util.function.Consumer<String> browser = uri -> { };

    public MainView(MainViewModel vm, FileDialogs dialogs) {
        this.vm = vm;
        this.dialogs = dialogs;
        packageView = new PackageView(vm.metadata());
        actionsView = new ActionsView(vm.actions(), new ActionEditorView(vm.editor(), dialogs, this::save));
        tab(Screen.PACKAGE, "Package", packageView.root());
        tab(Screen.ACTIONS, "Actions", actionsView.root());
        tab(Screen.PAYLOADS, "Payloads", new PayloadsView(vm.payloads(), dialogs, this::save).root());
        tab(Screen.BUILD, "Build", new BuildView(vm.build(), dialogs).root());
        tab(Screen.INSPECT, "Inspect .sup", new InspectView(vm.inspector(), vm.compare(), dialogs).root());
        tab(Screen.APPLY, "Packages", new ApplyView(vm.apply(), vm.gateways(), dialogs).root());
        tabs.setId("screens");
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        tabs.getSelectionModel().select(tabOf.get(vm.screenProperty().get()));
        vm.screenProperty().addListener((obs, old, now) -> tabs.getSelectionModel().select(tabOf.get(now)));
        tabs.getSelectionModel().selectedItemProperty().addListener((obs, old, now) ->
                tabOf.forEach((screen, tab) -> {
                    if (tab == now) {
                        vm.screenProperty().set(screen);
                    }
                }));
        vm.model().focusRequestProperty().addListener((obs, old, location) -> {
            if (location != null) {
                javafx.application.Platform.runLater(() -> focus(location));
            }
        });

        ProblemsView problems = new ProblemsView(vm.problems());
        SplitPane split = new SplitPane(tabs, problems.root());
        split.setOrientation(Orientation.VERTICAL);
        split.setDividerPositions(0.86);
        SplitPane.setResizableWithParent(problems.root(), false);

        Label status = new Label();
        status.setId("status");
        status.textProperty().bind(vm.statusProperty());
        Label dirty = new Label();
        dirty.setId("dirty-mark");
        dirty.textProperty().bind(vm.saveStateBinding());
        BorderPane statusBar = new BorderPane();
        statusBar.setLeft(status);
        statusBar.setRight(dirty);
        statusBar.getStyleClass().add("status-bar");

        root.setTop(new VBox(menus()));
        root.setCenter(split);
        root.setBottom(statusBar);
        // Typing into one field is one undo step; leaving the field ends it.
        root.sceneProperty().addListener((obs, old, scene) -> {
            if (scene != null) {
                scene.focusOwnerProperty().addListener((o, before, after) -> vm.history().closeStep());
            }
        });
        // Text fields have an undo of their own; the package's history is the one that counts here.
        root.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (UNDO.match(e)) {
                vm.undo();
                e.consume();
            } else if (REDO.match(e) || REDO_SHIFT.match(e)) {
                vm.redo();
                e.consume();
            }
        });
    }

    private void tab(Screen screen, String title, javafx.scene.Node content) {
        Tab tab = new Tab(title, content);
        tab.setId("tab-" + screen.name().toLowerCase());
        tabOf.put(screen, tab);
        tabs.getTabs().add(tab);
    }

    private MenuBar menus() {
        MenuItem newItem = item("New package", "new", "Shortcut+N", this::newPackage);
        MenuItem open = item("Open spec...", "open", "Shortcut+O", () -> {
            if (confirmDiscard()) {
                dialogs.openSpec().ifPresent(vm::open);
            }
        });
        MenuItem openDir = item("Open package directory...", "open-dir", null, () -> {
            if (confirmDiscard()) {
                dialogs.chooseDirectory("Open a package directory").ifPresent(vm::open);
            }
        });
        MenuItem openSup = item("Open .sup read-only...", "open-sup", "Shortcut+Shift+O", () -> dialogs.openSup().ifPresent(vm::open));
        MenuItem save = item("Save", "save", "Shortcut+S", this::save);
        MenuItem saveAs = item("Save as...", "save-as", "Shortcut+Shift+S", this::saveAs);
        MenuItem quit = item("Quit", "quit", "Shortcut+Q", () -> exit.run());
        Menu recent = new Menu("Open recent");
        recent.setId("menu-recent");
        fillRecent(recent);
        vm.recent().addListener((javafx.collections.ListChangeListener<java.nio.file.Path>) c -> fillRecent(recent));
        Menu fromSample = new Menu("New from sample");
        fromSample.setId("menu-from-sample");
        fromSample.setOnShowing(e -> fillSamples(fromSample));
        fillSamples(fromSample);
        Menu file = new Menu("_File", null, newItem, fromSample, open, openDir, openSup, recent, new SeparatorMenuItem(), save, saveAs,
                new SeparatorMenuItem(), quit);
        file.setId("menu-file");
        MenuItem undo = item("Undo", "undo", null, vm::undo);
        undo.textProperty().bind(vm.history().undoLabelProperty().map(l -> l.isEmpty() ? "Undo" : "Undo " + l));
        undo.disableProperty().bind(vm.history().canUndoProperty().not());
        undo.setAccelerator(UNDO);
        MenuItem redo = item("Redo", "redo", null, vm::redo);
        redo.textProperty().bind(vm.history().redoLabelProperty().map(l -> l.isEmpty() ? "Redo" : "Redo " + l));
        redo.disableProperty().bind(vm.history().canRedoProperty().not());
        redo.setAccelerator(REDO);
        Menu edit = new Menu("_Edit", null, undo, redo);
        edit.setId("menu-edit");
        Menu go = new Menu("_Go");
        go.setId("menu-go");
        int n = 1;
        for (Screen screen : Screen.values()) {
            go.getItems().add(item(tabOf.get(screen).getText(), "go-" + screen.name().toLowerCase(), "Shortcut+" + n++,
                    () -> vm.screenProperty().set(screen)));
        }
        MenuItem guide = item("User guide", "guide", "F1", () -> vm.openGuide(browser));
        MenuItem actionReference = item("Action reference", "action-reference", null, () -> vm.openActionReference(browser));
        MenuItem about = item("About SUP Workbench", "about", null, () -> {
            Alert alert = new Alert(Alert.AlertType.INFORMATION, vm.about());
            alert.setHeaderText("SUP Workbench");
            alert.setTitle("About");
            alert.initOwner(root().getScene() == null ? null : root().getScene().getWindow());
            alert.showAndWait();
        });
        Menu help = new Menu("_Help", null, guide, actionReference, new SeparatorMenuItem(), about);
        help.setId("menu-help");
        MenuBar bar = new MenuBar(file, edit, go, help);
        bar.setId("menu");
        return bar;
    }

    /**
     * One item a sample, named by its README's heading; picking one asks for an empty folder to copy
     * it into. Read again each time the menu opens, but its items are made again only when the samples
     * changed: items replaced while their menu opens are not the ones on screen, and a click misses.
     */
    private void fillSamples(Menu fromSample) {
        List<SampleLibrary.Sample> samples = vm.samples();
        if (samples.equals(shownSamples)) {
            return;
        }
        shownSamples = samples;
        fromSample.getItems().clear();
        for (var sample : samples) {
            fromSample.getItems().add(item(sample.title() + " (" + sample.name() + ")", "sample-" + sample.name(), null, () -> {
                if (confirmDiscard()) {
                    dialogs.chooseDirectory("An empty folder for the copy of " + sample.name())
                            .ifPresent(dir -> vm.newFromSample(sample, dir));
                }
            }));
        }
        if (fromSample.getItems().isEmpty()) {
            MenuItem none = new MenuItem("No samples found (run bin/sup-workbench from the source tree, or set SUP_HOME)");
            none.setDisable(true);
            fromSample.getItems().add(none);
        }
    }

    /** One item a recent file, newest first; the menu is disabled while there is none. */
    private void fillRecent(Menu recent) {
        recent.getItems().clear();
        int n = 0;
        for (java.nio.file.Path path : vm.recent()) {
            recent.getItems().add(item(org.suptools.workbench.viewmodel.ShownPath.of(path), "recent-" + n++, null, () -> {
                // A .sup opens read-only beside the package in the editor, so there is no work to lose.
                if (MainViewModel.isPackageFile(path) || confirmDiscard()) {
                    vm.openRecent(path);
                }
            }));
        }
        recent.setDisable(recent.getItems().isEmpty());
    }

    private static MenuItem item(String text, String id, String accelerator, Runnable action) {
        MenuItem item = new MenuItem(text);
        item.setId("menu-" + id);
        if (accelerator != null) {
            item.setAccelerator(KeyCombination.keyCombination(accelerator));
        }
        item.setOnAction(e -> action.run());
        return item;
    }

    private void newPackage() {
        if (confirmDiscard()) {
            vm.newPackage();
        }
    }

    /** Saves; asks for a file when the package has none. */
    public boolean save() {
        return vm.save() || saveAs();
    }

    private boolean saveAs() {
        return dialogs.saveSpec().map(vm::saveAs).orElse(false);
    }

    /** Whether unsaved work may go: saved first, discarded, or there is none. False cancels. */
    public boolean confirmDiscard() {
        if (!vm.hasUnsavedChanges()) {
            return true;
        }
        return switch (dialogs.askUnsaved(vm.model().document().metadata().name())) {
            case SAVE -> save();
            case DISCARD -> true;
            case CANCEL -> false;
        };
    }

    private void focus(String location) {
        if (location.startsWith("actions[")) {
            actionsView.focus(location);
        } else if (!location.startsWith("payloads")) {
            packageView.focus(location);
        }
    }

    public void setBrowser(java.util.function.Consumer<String> browser) {
        this.browser = browser;
    }

    public void setExit(Runnable exit) {
        this.exit = exit;
    }

    public ActionsView actionsView() {
        return actionsView;
    }

    public Parent root() {
        return root;
    }
}
