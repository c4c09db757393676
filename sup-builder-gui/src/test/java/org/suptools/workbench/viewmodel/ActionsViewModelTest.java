package org.suptools.workbench.viewmodel;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.suptools.model.action.ActionType;
import org.suptools.workbench.TestPackages;

class ActionsViewModelTest {

    private final MainViewModel main = new MainViewModel(TestPackages.services());
    private final ActionsViewModel vm = main.actions();

    @Test
    void palette_offersEveryActionType() {
        assertThat(vm.palette()).containsExactly(ActionType.values());
    }

    @Test
    void add_putsTheNewActionAfterTheSelectedOne_withAFreshId() {
        vm.add(ActionType.RUNTIME_STOP);
        vm.add(ActionType.RUNTIME_START);
        vm.select(0);
        vm.add(ActionType.RUNTIME_STOP);

        assertThat(vm.rows()).extracting(ActionRow::id).containsExactly("runtime-stop", "runtime-stop-2", "runtime-start");
        assertThat(vm.selectedIndex()).isEqualTo(1);
    }

    @Test
    void moveDuplicateRemove_areUndoneInReverse() {
        vm.add(ActionType.RUNTIME_STOP);
        vm.add(ActionType.DIR_CREATE);
        vm.add(ActionType.RUNTIME_START);

        vm.select(2);
        vm.moveSelectedUp();
        assertThat(vm.rows()).extracting(ActionRow::type).containsExactly("runtime.stop", "runtime.start", "dir.create");
        assertThat(vm.selectedIndex()).isEqualTo(1);
        vm.duplicateSelected();
        assertThat(vm.rows()).extracting(ActionRow::id).containsExactly("runtime-stop", "runtime-start", "runtime-start-2", "dir-create");
        vm.move(0, 3);
        assertThat(vm.rows()).extracting(ActionRow::id).containsExactly("runtime-start", "runtime-start-2", "dir-create", "runtime-stop");
        vm.removeSelected();
        assertThat(vm.rows()).hasSize(3);

        main.undo();
        main.undo();
        main.undo();
        main.undo();
        assertThat(vm.rows()).extracting(ActionRow::type).containsExactly("runtime.stop", "dir.create", "runtime.start");
        assertThat(vm.selectedIndex()).isEqualTo(2);
    }

    @Test
    void rows_showSummaryConditionAndProblems() {
        vm.add(ActionType.DIR_CREATE);
        assertThat(vm.rows().get(0).problem()).isEqualTo("error");
        assertThat(vm.rows().get(0).summary()).startsWith("(incomplete) path:");

        main.editor().text("path").set("data/app");
        main.editor().text("when.os").set("linux");

        assertThat(vm.rows().get(0)).isEqualTo(new ActionRow(1, "dir.create", "dir-create", "mkdir data/app", "os=linux", ""));
    }

    @Test
    void moving_isRefusedOutOfBounds() {
        vm.add(ActionType.RUNTIME_STOP);
        assertThat(vm.canMoveUpBinding().get()).isFalse();
        assertThat(vm.canMoveDownBinding().get()).isFalse();
        vm.moveSelectedDown();
        vm.move(0, 5);
        assertThat(main.history().revisionProperty().get()).isEqualTo(1);
    }
}
