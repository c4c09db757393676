package org.suptools.workbench.viewmodel;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.suptools.model.action.ActionType;
import org.suptools.model.spec.SpecFiles;
import org.suptools.workbench.TestPackages;

class MainViewModelTest {

    private final MainViewModel vm = new MainViewModel(TestPackages.services());

    @Test
    void title_marksUnsavedChanges_andUndoingBackToTheSavedStateClearsTheMark(@TempDir Path dir) throws Exception {
        assertThat(vm.open(TestPackages.copyAllActions(dir))).isTrue();
        assertThat(vm.titleBinding().get()).startsWith("acme-all-actions - ");

        vm.metadata().text("description").set("changed");
        assertThat(vm.titleBinding().get()).startsWith("* acme-all-actions");
        assertThat(vm.hasUnsavedChanges()).isTrue();

        vm.undo();
        assertThat(vm.hasUnsavedChanges()).isFalse();
        assertThat(vm.titleBinding().get()).doesNotStartWith("*");
    }

    @Test
    void save_writesASpecTheModelLoads_andClearsTheMark(@TempDir Path dir) throws Exception {
        vm.newPackageIn(dir);
        vm.metadata().text("name").set("acme-demo");
        vm.actions().add(ActionType.RUNTIME_RESTART);

        assertThat(vm.save()).isTrue();

        assertThat(vm.hasUnsavedChanges()).isFalse();
        var loaded = SpecFiles.loadValid(dir, TestPackages.CLOCK.instant());
        assertThat(loaded.spec().name()).isEqualTo("acme-demo");
        assertThat(loaded.spec().actions()).extracting(a -> a.type()).containsExactly(ActionType.RUNTIME_RESTART);
    }

    @Test
    void workInProgressWithErrors_isSavedAsTyped_andOpensAgainWithTheSameProblems(@TempDir Path dir) {
        vm.newPackageIn(dir);
        vm.actions().add(ActionType.FILE_COPY);
        assertThat(vm.model().assembly().hasErrors()).isTrue();

        assertThat(vm.save()).isTrue();
        MainViewModel reopened = new MainViewModel(TestPackages.services());
        assertThat(reopened.open(dir)).isTrue();

        assertThat(reopened.model().assembly().problems()).isEqualTo(vm.model().assembly().problems());
    }

    @Test
    void openingAnUnknownFile_saysWhy(@TempDir Path dir) throws Exception {
        Path bad = Files.writeString(dir.resolve("sup.yaml"), "name: [unclosed");

        assertThat(vm.open(bad)).isFalse();

        assertThat(vm.statusProperty().get()).startsWith("Cannot open").contains("sup.yaml");
    }

    @Test
    void openingADirectoryWithoutSpec_startsANewPackageThere(@TempDir Path dir) {
        assertThat(vm.open(dir)).isTrue();

        assertThat(vm.model().specFile()).isEqualTo(dir.resolve("sup.yaml"));
        assertThat(vm.model().payloadDir()).contains(dir.resolve("payload"));
    }
}
