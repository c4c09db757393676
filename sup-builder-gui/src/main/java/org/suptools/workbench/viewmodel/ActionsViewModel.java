package org.suptools.workbench.viewmodel;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.IntegerProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.suptools.model.action.ActionType;
import org.suptools.model.problem.Problem;
import org.suptools.workbench.document.ActionDraft;
import org.suptools.workbench.document.Assembly;
import org.suptools.workbench.document.PackageDocument;

/**
 * The ordered action list and the palette: add an action of any type after the selected one,
 * remove, duplicate, and move (by keyboard or by drag and drop), each an undoable step.
 */
public final class ActionsViewModel {

    private final DocumentModel model;
    private final ObservableList<ActionRow> rows = FXCollections.observableArrayList();
    private final List<ActionType> palette = List.copyOf(Arrays.asList(ActionType.values()));
    private final BooleanBinding hasSelection;
    private final BooleanBinding canMoveUp;
    private final BooleanBinding canMoveDown;

    public ActionsViewModel(DocumentModel model) {
        this.model = model;
        IntegerProperty selected = model.selectedActionProperty();
        hasSelection = selected.greaterThanOrEqualTo(0).and(selected.lessThan(Bindings.size(rows)));
        canMoveUp = selected.greaterThan(0).and(hasSelection);
        canMoveDown = hasSelection.and(selected.lessThan(Bindings.size(rows).subtract(1)));
        // An edit may leave the problems as they were (an equal assembly fires no change): watch both.
        model.documentProperty().addListener((obs, old, now) -> refresh());
        model.assemblyProperty().addListener((obs, old, now) -> refresh());
        refresh();
    }

    private void refresh() {
        PackageDocument document = model.document();
        Assembly assembly = model.assembly();
        List<ActionRow> list = new ArrayList<>();
        for (int i = 0; i < document.actions().size(); i++) {
            ActionDraft draft = document.actions().get(i);
            List<Problem> problems = assembly.at("actions[" + i + "]");
            String worst = problems.stream().anyMatch(Problem::isError) ? "error" : problems.isEmpty() ? "" : "warning";
            list.add(new ActionRow(i + 1, draft.type().typeName(), draft.id(), draft.summary(), whenText(draft), worst));
        }
        if (!list.equals(rows)) {
            int selected = model.selectedActionProperty().get();
            // Row by row, so that a list bound to these rows keeps its selection while an action is edited.
            for (int i = 0; i < list.size(); i++) {
                if (i >= rows.size()) {
                    rows.add(list.get(i));
                } else if (!rows.get(i).equals(list.get(i))) {
                    rows.set(i, list.get(i));
                }
            }
            if (rows.size() > list.size()) {
                rows.remove(list.size(), rows.size());
            }
            model.selectedActionProperty().set(selected < list.size() ? selected : list.size() - 1);
        }
    }

    private static String whenText(ActionDraft draft) {
        if (!draft.hasWhen()) {
            return "";
        }
        List<String> parts = new ArrayList<>();
        for (String part : List.of("os", "product", "architecture")) {
            List<String> values = draft.when(part);
            if (!values.isEmpty()) {
                parts.add(part + "=" + String.join("|", values));
            }
        }
        return String.join(" ", parts);
    }

    public ObservableList<ActionRow> rows() {
        return rows;
    }

    public List<ActionType> palette() {
        return palette;
    }

    public IntegerProperty selectedIndexProperty() {
        return model.selectedActionProperty();
    }

    public int selectedIndex() {
        return model.selectedActionProperty().get();
    }

    public void select(int index) {
        model.selectedActionProperty().set(index);
    }

    /** Adds an action of this type after the selected one (at the end when none is selected) and selects it. */
    public void add(ActionType type) {
        int at = hasSelection.get() ? selectedIndex() + 1 : model.document().actions().size();
        model.editSelecting("Add " + type.typeName(), null, d -> {
            List<ActionDraft> list = new ArrayList<>(d.actions());
            list.add(at, ActionDraft.newAction(type, d.freshId(type.typeName().replace('.', '-'))));
            return d.withActions(list);
        }, at);
    }

    public void removeSelected() {
        if (!hasSelection.get()) {
            return;
        }
        int index = selectedIndex();
        int count = model.document().actions().size();
        model.editSelecting("Remove " + model.document().actions().get(index).id(), null, d -> {
            List<ActionDraft> list = new ArrayList<>(d.actions());
            list.remove(index);
            return d.withActions(list);
        }, index < count - 1 ? index : index - 1);
    }

    /** A copy right after the selected action, with a fresh id, selected. */
    public void duplicateSelected() {
        if (!hasSelection.get()) {
            return;
        }
        int index = selectedIndex();
        model.editSelecting("Duplicate " + model.document().actions().get(index).id(), null, d -> {
            ActionDraft original = d.actions().get(index);
            List<ActionDraft> list = new ArrayList<>(d.actions());
            list.add(index + 1, original.withId(d.freshId(original.id().isBlank() ? "copy" : original.id())));
            return d.withActions(list);
        }, index + 1);
    }

    public void moveSelectedUp() {
        if (canMoveUp.get()) {
            move(selectedIndex(), selectedIndex() - 1);
        }
    }

    public void moveSelectedDown() {
        if (canMoveDown.get()) {
            move(selectedIndex(), selectedIndex() + 1);
        }
    }

    /** Moves the action at {@code from} so that it ends up at {@code to}, and selects it there. */
    public void move(int from, int to) {
        int count = model.document().actions().size();
        if (from < 0 || from >= count || to < 0 || to >= count || from == to) {
            return;
        }
        model.editSelecting("Move " + model.document().actions().get(from).id(), null,
                d -> d.moveAction(from, to), to);
    }

    public BooleanBinding hasSelectionBinding() {
        return hasSelection;
    }

    public BooleanBinding canMoveUpBinding() {
        return canMoveUp;
    }

    public BooleanBinding canMoveDownBinding() {
        return canMoveDown;
    }
}
