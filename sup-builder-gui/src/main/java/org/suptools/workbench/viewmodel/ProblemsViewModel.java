package org.suptools.workbench.viewmodel;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.value.ObservableBooleanValue;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.suptools.model.problem.Problem;
import org.suptools.workbench.document.Assembly;

/**
 * The problems panel: every problem the validator finds, kept current; choosing one brings its
 * screen forward, selects its action and focuses its field.
 */
public final class ProblemsViewModel {

    private static final Pattern ACTION = Pattern.compile("^actions\\[(\\d+)]");

    private final DocumentModel model;
    private final ObservableList<Problem> problems = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper(this, "summary", "");
    private final ObjectProperty<Screen> screen;
    private ObservableBooleanValue hidden = new SimpleBooleanProperty(false);

    public ProblemsViewModel(DocumentModel model, ObjectProperty<Screen> screen) {
        this.model = model;
        this.screen = screen;
        model.assemblyProperty().addListener((obs, old, now) -> update(now));
        update(model.assembly());
    }

    /** Lists nothing while {@code condition} holds: there is then no package of the user's to check. */
    public void hideWhile(ObservableBooleanValue condition) {
        hidden = condition;
        condition.addListener((obs, old, now) -> update(model.assembly()));
        update(model.assembly());
    }

    private void update(Assembly assembly) {
        if (hidden.get()) {
            problems.clear();
            summary.set("none (a built package is open read-only; open or create a spec to edit one)");
            return;
        }
        if (!assembly.problems().equals(problems)) {
            problems.setAll(assembly.problems());
        }
        long errors = assembly.errorCount();
        long warnings = assembly.warningCount();
        summary.set(errors == 0 && warnings == 0 ? "No problems"
                : Counts.of(errors, "error") + ", " + Counts.of(warnings, "warning"));
    }

    /** Goes to where the problem is: its screen, its action, its field. */
    public void choose(Problem problem) {
        if (problem == null) {
            return;
        }
        String location = problem.location();
        Matcher action = ACTION.matcher(location);
        if (action.find()) {
            screen.set(Screen.ACTIONS);
            int index = Integer.parseInt(action.group(1));
            if (index < model.document().actions().size()) {
                model.selectedActionProperty().set(index);
            }
        } else if (location.startsWith("payloads")) {
            screen.set(Screen.PAYLOADS);
        } else {
            screen.set(Screen.PACKAGE);
        }
        model.requestFocus(location);
    }

    public ObservableList<Problem> problems() {
        return problems;
    }

    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }
}
