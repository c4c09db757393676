package org.suptools.workbench.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class EditHistoryTest {

    private final StringBuilder text = new StringBuilder();
    private final EditHistory history = new EditHistory();

    /** Appends a letter; appends in a row fold into one step when {@code typing}. */
    private final class Append implements UndoableEdit {
        final String letters;
        final boolean typing;

        Append(String letters, boolean typing) {
            this.letters = letters;
            this.typing = typing;
        }

        @Override
        public String label() {
            return "Type " + letters;
        }

        @Override
        public void redo() {
            text.append(letters);
        }

        @Override
        public void undo() {
            text.setLength(text.length() - letters.length());
        }

        @Override
        public Optional<UndoableEdit> absorb(UndoableEdit next) {
            if (typing && next instanceof Append a && a.typing) {
                return Optional.of(new Append(letters + a.letters, true));
            }
            return Optional.empty();
        }
    }

    @Test
    void undoAndRedo_walkTheSteps_andTheDirtyMarkFollowsTheSavedState() {
        history.execute(new Append("a", false));
        history.execute(new Append("b", false));
        history.markSaved();
        assertThat(history.isDirty()).isFalse();

        history.undo();
        assertThat(text).hasToString("a");
        assertThat(history.isDirty()).isTrue();
        assertThat(history.redoLabelProperty().get()).isEqualTo("Type b");

        history.redo();
        assertThat(text).hasToString("ab");
        assertThat(history.isDirty()).isFalse();

        history.undo();
        history.execute(new Append("c", false));
        assertThat(text).hasToString("ac");
        assertThat(history.canRedoProperty().get()).isFalse();
        assertThat(history.isDirty()).isTrue();
        assertThat(history.revisionProperty().get()).isEqualTo(6);
    }

    @Test
    void keystrokesInARow_foldIntoOneStep_untilTheStepIsClosed() {
        history.execute(new Append("x", true));
        history.execute(new Append("y", true));
        history.closeStep();
        history.execute(new Append("z", true));

        history.undo();
        assertThat(history.undoLabelProperty().get()).isEqualTo("Type xy");
        history.undo();
        assertThat(history.canUndoProperty().get()).isFalse();
    }
}
