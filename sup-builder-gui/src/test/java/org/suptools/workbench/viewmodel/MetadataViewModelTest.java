package org.suptools.workbench.viewmodel;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.suptools.workbench.TestPackages;

class MetadataViewModelTest {

    private final MainViewModel main = new MainViewModel(TestPackages.services());
    private final MetadataViewModel vm = main.metadata();

    @Test
    void version_isCheckedAsSemVerAsItIsTyped() {
        vm.versionProperty().set("1.");
        assertThat(vm.message("version").get()).contains("is not a SemVer 2.0 version");

        vm.versionProperty().set("1.2.3-rc.1");
        assertThat(vm.message("version").get()).isEmpty();
    }

    @Test
    void typingIntoOneField_isOneUndoStep() {
        vm.nameProperty().set("a");
        vm.nameProperty().set("ac");
        vm.nameProperty().set("acme");
        vm.versionProperty().set("2.0.0");

        main.undo();
        assertThat(vm.versionProperty().get()).isEqualTo("1.0.0");
        main.undo();
        assertThat(vm.nameProperty().get()).isEqualTo("new-package");
        main.redo();
        assertThat(vm.nameProperty().get()).isEqualTo("acme");
    }

    @Test
    void targets_areAddedEditedAndRemoved_withInlineMessages() {
        vm.targets().add();
        vm.targets().set(1, "runtimeVersion", ">=1.02");
        assertThat(vm.targets().rows()).hasSize(2);
        assertThat(vm.message("targets[1]").get()).contains("1.02");

        vm.targets().set(1, "runtimeVersion", ">=1.2.0 <2.0.0");
        assertThat(vm.message("targets[1]").get()).isEmpty();

        vm.targets().remove(0);
        assertThat(vm.targets().rows()).extracting(t -> t.runtimeVersion()).containsExactly(">=1.2.0 <2.0.0");
        main.undo();
        assertThat(vm.targets().rows()).hasSize(2);
    }

    @Test
    void failurePolicyAndDowngrade_areEdits() {
        vm.failurePolicyProperty().set("stop");
        vm.allowDowngradeProperty().set(true);

        assertThat(main.model().document().metadata().failurePolicy()).isEqualTo("stop");
        assertThat(main.model().document().metadata().allowDowngrade()).isTrue();
        main.undo();
        main.undo();
        assertThat(vm.failurePolicyProperty().get()).isEqualTo("rollback");
        assertThat(vm.allowDowngradeProperty().get()).isFalse();
    }
}
