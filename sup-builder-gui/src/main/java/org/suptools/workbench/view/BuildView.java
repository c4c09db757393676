package org.suptools.workbench.view;

import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.suptools.workbench.viewmodel.BuildViewModel;

/** The build screen: output file, the signing keys that sign it, progress, result. */
public final class BuildView {

    private final VBox root;

    public BuildView(BuildViewModel vm, FileDialogs dialogs) {
        TextField output = new TextField();
        output.setId("build-output");
        output.setEditable(false);
        output.textProperty().bind(Forms.shownPath(vm.outputProperty()));
        Button chooseOutput = new Button("Choose...");
        chooseOutput.setOnAction(e -> dialogs.chooseBuildOutput(vm.outputProperty().get()).ifPresent(vm::chooseOutput));
        HBox outputBox = new HBox(6, output, chooseOutput);
        HBox.setHgrow(output, Priority.ALWAYS);

        GridPane grid = Forms.grid();
        int row = Forms.row(grid, 0, "Output file", outputBox, null, null);
        Forms.row(grid, row, "Signing keys", new SigningKeysPane(vm.keys(), dialogs).root(), null, null);

        Button build = new Button("Build and sign");
        build.setId("build-button");
        build.setDefaultButton(true);
        build.disableProperty().bind(vm.canBuildBinding().not());
        build.setOnAction(e -> vm.build());
        ProgressBar progress = new ProgressBar();
        progress.setId("build-progress");
        progress.setPrefWidth(320);
        progress.progressProperty().bind(vm.progressProperty());
        Label blocker = Forms.message(vm.blockerProperty(), "build-blocker");
        TextArea result = new TextArea();
        result.setId("build-result");
        result.setEditable(false);
        result.setPrefRowCount(5);
        result.getStyleClass().add("mono");
        result.textProperty().bind(vm.resultTextProperty());

        Button inspect = new Button("Inspect");
        inspect.setId("build-inspect");
        inspect.setTooltip(new javafx.scene.control.Tooltip("Open the package just built on the Inspect screen"));
        inspect.disableProperty().bind(vm.canInspectBinding().not());
        inspect.setOnAction(e -> vm.inspectBuilt());

        Button apply = new Button("Apply...");
        apply.setId("build-apply");
        apply.setTooltip(new javafx.scene.control.Tooltip(
                "Choose the package just built on the Packages screen, to dry-run or apply it on a gateway"));
        apply.disableProperty().bind(vm.canInspectBinding().not());
        apply.setOnAction(e -> vm.applyBuilt());

        Button compare = new Button();
        compare.setId("build-compare");
        compare.textProperty().bind(javafx.beans.binding.Bindings.when(vm.previousProperty().isNotNull())
                .then("Compare with previous build").otherwise("Compare with..."));
        compare.setTooltip(new javafx.scene.control.Tooltip("What changed from the last build of this output file "
                + "(or from a package you choose) to the package just built, as 'sup diff' shows it"));
        compare.disableProperty().bind(vm.canInspectBinding().not());
        compare.setOnAction(e -> {
            if (vm.previousProperty().get() != null) {
                vm.compareWithPrevious();
            } else {
                dialogs.chooseSupToCompare().ifPresent(vm::compareWith);
            }
        });

        ListView<String> log = new ListView<>(vm.log());
        log.setId("build-log");
        log.setPrefHeight(64);
        log.setMinHeight(48);
        log.getStyleClass().add("mono");
        log.setPlaceholder(Forms.hint("Build log: each build's steps are listed here for the session."));
        vm.log().addListener((javafx.collections.ListChangeListener<String>) c -> log.scrollTo(vm.log().size() - 1));
        Button copyLog = new Button("Copy build log");
        copyLog.setTooltip(new javafx.scene.control.Tooltip("Copy every build's steps of this session (the list below)"));
        copyLog.setId("build-copy-log");
        copyLog.disableProperty().bind(javafx.beans.binding.Bindings.isEmpty(vm.log()));
        copyLog.setOnAction(e -> {
            javafx.scene.input.ClipboardContent content = new javafx.scene.input.ClipboardContent();
            content.putString(vm.logText());
            javafx.scene.input.Clipboard.getSystemClipboard().setContent(content);
        });

        // The log's copy button sits on the build row: at 1024x700 the keys and the build report need that height.
        javafx.scene.layout.Region gap = new javafx.scene.layout.Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        HBox buildRow = new HBox(10, build, progress, inspect, apply, compare, gap, copyLog);
        buildRow.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        Label explanation = Forms.hint("Builds the package exactly as 'sup build' does: the same spec and payload files always "
                        + "give the same file, byte for byte. So every file in it carries the same fixed date "
                        + "(1980-01-01, the package's \"Created\" date) unless you choose one: run the Workbench with "
                        + "SOURCE_DATE_EPOCH set to a time in seconds.");
        // Never cut to one line: the result and the log give up height first.
        explanation.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        root = new VBox(6, Forms.title("Build and sign"), explanation, grid, buildRow, blocker, result, log);
        VBox.setVgrow(result, Priority.ALWAYS);
        root.setPadding(new Insets(12, 16, 12, 16));
        root.setMaxWidth(1100);
    }

    public Node root() {
        return root;
    }
}
