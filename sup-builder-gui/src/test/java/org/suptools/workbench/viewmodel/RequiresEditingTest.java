package org.suptools.workbench.viewmodel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.suptools.model.action.ActionType;
import org.suptools.model.manifest.Requirement;
import org.suptools.model.problem.Problem;
import org.suptools.model.spec.SpecFiles;
import org.suptools.model.version.VersionRange;
import org.suptools.workbench.TestPackages;
import org.suptools.workbench.document.RequirementDraft;

/** Editing a package's requires on the package screen, without a screen. */
class RequiresEditingTest {

    private final MainViewModel main = new MainViewModel(TestPackages.services());
    private final TableEditor<RequirementDraft> requires = main.metadata().requires();

    @Test
    void addedRow_saysWhatEachCellNeeds_andFillingItInMakesARequirementOfTheSpec() {
        main.actions().add(ActionType.RUNTIME_RESTART);

        requires.add();

        assertThat(requires.rows()).containsExactly(RequirementDraft.blank());
        assertThat(main.model().assembly().at("requires")).extracting(Problem::location, Problem::message)
                .containsExactly(tuple("requires[0].name", "is required"));
        assertThat(main.hasUnsavedChanges()).isTrue();

        requires.set(0, "name", " acme-base ");
        assertThat(main.model().assembly().at("requires")).singleElement().satisfies(p -> {
            assertThat(p.location()).isEqualTo("requires[0].version");
            assertThat(p.message()).startsWith("is required (a range such as");
        });
        requires.set(0, "version", "^1.2.0");

        assertThat(requires.rows()).containsExactly(new RequirementDraft("acme-base", "^1.2.0"));
        assertThat(main.metadata().message("requires").get()).isEmpty();
        assertThat(main.model().assembly().spec().orElseThrow().requires())
                .containsExactly(new Requirement("acme-base", VersionRange.parse("^1.2.0")));
    }

    @Test
    void badRange_isAProblemAtItsCell_shownInline_andChoosingItLeadsToTheCell() {
        requires.add();
        requires.set(0, "name", "acme-base");

        requires.set(0, "version", ">=1.02");

        Problem problem = main.model().assembly().at("requires").stream().findFirst().orElseThrow();
        assertThat(problem.location()).isEqualTo("requires[0].version");
        assertThat(problem.message()).contains("'>=1.02' is not a valid version range");
        assertThat(main.problems().problems()).contains(problem);
        assertThat(main.metadata().message("requires").get()).contains("1.02").endsWith("([0].version)");
        assertThat(main.model().assembly().spec()).isEmpty();

        main.screenProperty().set(Screen.BUILD);
        main.problems().choose(problem);

        assertThat(main.screenProperty().get()).isEqualTo(Screen.PACKAGE);
        assertThat(main.model().focusRequestProperty().get()).isEqualTo("requires[0].version");
        assertThat(requires.covers(problem.location())).isTrue();
        assertThat(requires.cellAt(problem.location())).contains(new TableEditor.Cell(0, Optional.of("version")));
        assertThat(main.metadata().targets().covers(problem.location())).isFalse();

        requires.set(0, "version", ">=1.2.0");
        assertThat(main.model().assembly().at("requires")).isEmpty();
    }

    @Test
    void everyEdit_isUndoneAndRedoneOneByOne_andUndoingAllOfThemIsTheSavedState(@TempDir Path dir) throws Exception {
        main.open(TestPackages.copyAllActions(dir));
        assertThat(requires.rows()).containsExactly(new RequirementDraft("acme-base", ">=1.0.0"));

        requires.add();
        requires.set(1, "name", "acme-tools");
        requires.set(1, "version", "~2.1");
        requires.remove(0);
        assertThat(requires.rows()).containsExactly(new RequirementDraft("acme-tools", "~2.1"));
        assertThat(main.history().undoLabelProperty().get()).isEqualTo("Remove requirement");

        main.undo();
        assertThat(requires.rows()).containsExactly(new RequirementDraft("acme-base", ">=1.0.0"),
                new RequirementDraft("acme-tools", "~2.1"));
        main.undo();
        assertThat(requires.rows()).element(1).isEqualTo(new RequirementDraft("acme-tools", ""));
        main.undo();
        main.undo();
        assertThat(requires.rows()).containsExactly(new RequirementDraft("acme-base", ">=1.0.0"));
        assertThat(main.hasUnsavedChanges()).isFalse();

        main.redo();
        main.redo();
        assertThat(requires.rows()).element(1).isEqualTo(new RequirementDraft("acme-tools", ""));
        assertThat(main.hasUnsavedChanges()).isTrue();
    }

    @Test
    void requirements_areSavedToTheSpec_andOpenAgainAsTheyWere(@TempDir Path dir) throws Exception {
        main.newPackageIn(dir);
        main.actions().add(ActionType.RUNTIME_RESTART);
        requires.add();
        requires.set(0, "name", "acme-base");
        requires.set(0, "version", ">=1.0.0 <2.0.0");
        requires.add();
        requires.set(1, "name", "acme-tools");
        requires.set(1, "version", "^0.3.1");

        assertThat(main.save()).isTrue();

        assertThat(main.hasUnsavedChanges()).isFalse();
        assertThat(SpecFiles.loadValid(dir, TestPackages.CLOCK.instant()).spec().requires()).containsExactly(
                new Requirement("acme-base", VersionRange.parse(">=1.0.0 <2.0.0")),
                new Requirement("acme-tools", VersionRange.parse("^0.3.1")));
        MainViewModel reopened = new MainViewModel(TestPackages.services());
        assertThat(reopened.open(dir)).isTrue();
        assertThat(reopened.metadata().requires().rows()).containsExactlyElementsOf(requires.rows());
        assertThat(reopened.model().document().requires()).isEqualTo(main.model().document().requires());
    }

    @Test
    void aRequirementStillBeingTyped_isSavedAsTyped_andOpensAgainWithTheSameProblem(@TempDir Path dir) {
        main.newPackageIn(dir);
        requires.add();
        requires.set(0, "name", "acme-base");
        requires.set(0, "version", ">=1.02");

        assertThat(main.save()).isTrue();
        MainViewModel reopened = new MainViewModel(TestPackages.services());
        assertThat(reopened.open(dir)).isTrue();

        assertThat(reopened.metadata().requires().rows()).containsExactly(new RequirementDraft("acme-base", ">=1.02"));
        assertThat(reopened.model().assembly().at("requires")).extracting(Problem::location)
                .containsExactly("requires[0].version");
    }
}
