package org.suptools.workbench.view;

import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.suptools.model.problem.Problem;
import org.suptools.workbench.viewmodel.ProblemsViewModel;

/** The problems panel: every problem, current; a click or Enter goes to it. */
public final class ProblemsView {

    private final VBox root;

    public ProblemsView(ProblemsViewModel vm) {
        ListView<Problem> list = new ListView<>(vm.problems());
        list.setId("problems-list");
        list.setPlaceholder(Forms.hint("No problems: the package can be built."));
        list.setCellFactory(l -> new ListCell<>() {
            @Override
            protected void updateItem(Problem problem, boolean empty) {
                super.updateItem(problem, empty);
                getStyleClass().removeAll("problem-error", "problem-warning");
                if (empty || problem == null) {
                    setText(null);
                } else {
                    setText((problem.isError() ? "error    " : "warning  ")
                            + (problem.location().isEmpty() ? "" : problem.location() + ": ") + problem.message());
                    getStyleClass().add(problem.isError() ? "problem-error" : "problem-warning");
                }
            }
        });
        list.setOnMouseClicked(e -> vm.choose(list.getSelectionModel().getSelectedItem()));
        list.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ENTER) {
                vm.choose(list.getSelectionModel().getSelectedItem());
            }
        });
        Label summary = new Label();
        summary.setId("problems-summary");
        summary.textProperty().bind(vm.summaryProperty().map(s -> "Problems: " + s));
        root = new VBox(4, summary, list);
        VBox.setVgrow(list, Priority.ALWAYS);
        root.setPadding(new Insets(6, 10, 6, 10));
    }

    public Node root() {
        return root;
    }
}
