package org.suptools.workbench.viewmodel;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
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
    void openAndSave_ofAMinimalSpec_isByteIdentical_andNoDefaultIsAddedOnTheSecondSave(@TempDir Path dir)
            throws Exception {
        String minimal = """
                name: acme-demo
                version: 1.0.0
                targets:
                  - product: '*'
                    os: '*'
                    architecture: '*'
                actions:
                  - id: stop
                    type: runtime.stop
                  - id: old-cache
                    type: file.delete
                    path: cache
                  - id: hello
                    type: command.run
                    onError: continue
                    command:
                      - echo
                      - hello
                """;
        Path spec = Files.writeString(dir.resolve("sup.yaml"), minimal);
        assertThat(vm.open(spec)).isTrue();
        assertThat(vm.model().assembly().problems()).isEmpty();

        assertThat(vm.save()).isTrue();
        assertThat(Files.readString(spec)).isEqualTo(minimal);
        vm.metadata().text("description").set("now described");
        assertThat(vm.save()).isTrue();
        vm.metadata().text("description").set("");
        assertThat(vm.save()).isTrue();

        assertThat(Files.readString(spec)).isEqualTo(minimal);
    }

    @Test
    void aNewPackageIsSavedWithoutTheModelsDefaults_andItsFailurePolicyStillShowsRollback(@TempDir Path dir)
            throws Exception {
        vm.newPackageIn(dir);
        vm.actions().add(ActionType.RUNTIME_RESTART);
        assertThat(vm.metadata().failurePolicyProperty().get()).isEqualTo("rollback");

        assertThat(vm.save()).isTrue();
        assertThat(vm.save()).isTrue();

        assertThat(Files.readString(dir.resolve("sup.yaml"))).doesNotContain("onError", "allowDowngrade", "failurePolicy");
        assertThat(SpecFiles.loadValid(dir, TestPackages.CLOCK.instant()).spec().failurePolicy())
                .isEqualTo(org.suptools.model.manifest.FailurePolicy.ROLLBACK);
    }

    @Test
    void save_givesANewSpecTheUsualPermissions_andKeepsThoseOfAnExistingOne(@TempDir Path dir) throws Exception {
        vm.newPackageIn(dir);
        vm.actions().add(ActionType.RUNTIME_RESTART);
        assertThat(vm.save()).isTrue();
        Path spec = dir.resolve("sup.yaml");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(spec)))
                .isEqualTo(PosixFilePermissions.toString(umaskedNewFilePermissions(dir)));

        Files.setPosixFilePermissions(spec, PosixFilePermissions.fromString("rw-r-----"));
        vm.metadata().text("description").set("changed");
        assertThat(vm.save()).isTrue();

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(spec))).isEqualTo("rw-r-----");
    }

    /** What a plain new file gets here (the process's umask), as an editor would create it. */
    private static java.util.Set<java.nio.file.attribute.PosixFilePermission> umaskedNewFilePermissions(Path dir)
            throws java.io.IOException {
        Path probe = Files.writeString(dir.resolve("probe.txt"), "");
        try {
            return Files.getPosixFilePermissions(probe);
        } finally {
            Files.delete(probe);
        }
    }

    @Test
    void aNewPackageInADirectory_isNotSavedUntilWritten_inTheTitleAndTheStatusBarAlike(@TempDir Path dir) {
        vm.newPackageIn(dir);

        assertThat(vm.titleBinding().get()).contains("(not saved)");
        assertThat(vm.saveStateBinding().get()).isEqualTo("Not saved");

        vm.actions().add(ActionType.RUNTIME_RESTART);
        assertThat(vm.save()).isTrue();

        assertThat(vm.titleBinding().get()).doesNotContain("(not saved)");
        assertThat(vm.saveStateBinding().get()).isEqualTo("Saved");
        vm.metadata().text("description").set("changed");
        assertThat(vm.saveStateBinding().get()).isEqualTo("Unsaved changes");
    }

    @Test
    void theStatusCountsTheErrorsStillToFix_inTheRightNumber_andDropsThemOnceFixed(@TempDir Path dir) {
        vm.newPackageIn(dir);
        vm.actions().add(ActionType.RUNTIME_RESTART);
        vm.metadata().text("version").set("1.0");

        assertThat(vm.save()).isTrue();
        assertThat(vm.statusProperty().get()).endsWith("(1 error still to fix)");
        vm.metadata().text("name").set("Bad Name");
        assertThat(vm.statusProperty().get()).endsWith("(2 errors still to fix)");

        vm.metadata().text("name").set("acme-demo");
        vm.metadata().text("version").set("1.0.0");

        assertThat(vm.statusProperty().get()).startsWith("Saved ").doesNotContain("error");
    }

    @Test
    void aSupOpenedAtStart_isTitledByItsOwnName_andTheBlankEditorsProblemsAreNotListed(@TempDir Path dir)
            throws Exception {
        MainViewModel builder = new MainViewModel(TestPackages.services());
        builder.open(TestPackages.copyAllActions(Files.createDirectories(dir.resolve("src"))));
        builder.build().chooseOutput(dir.resolve("app.sup"));
        builder.build().build();

        assertThat(vm.open(dir.resolve("app.sup"))).isTrue();

        assertThat(vm.titleBinding().get()).startsWith("acme-all-actions 1.4.0-rc.1+build.7 (read-only)")
                .doesNotContain("new-package", "not saved");
        assertThat(vm.saveStateBinding().get()).isEqualTo("Read-only");
        assertThat(vm.inspector().summaryProperty().get()).startsWith("acme-all-actions");
        assertThat(vm.problems().problems()).isEmpty();

        vm.newPackage();
        assertThat(vm.problems().problems()).extracting(p -> p.message()).contains("at least one action is required");
        assertThat(vm.titleBinding().get()).startsWith("new-package (not saved)");
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
