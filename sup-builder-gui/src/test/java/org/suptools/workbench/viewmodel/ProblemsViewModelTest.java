package org.suptools.workbench.viewmodel;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.suptools.model.action.ActionType;
import org.suptools.model.problem.Problem;
import org.suptools.workbench.TestPackages;

class ProblemsViewModelTest {

    private final MainViewModel main = new MainViewModel(TestPackages.services());
    private final ProblemsViewModel vm = main.problems();

    @Test
    void choosingAProblem_goesToItsScreenActionAndField() {
        main.actions().add(ActionType.RUNTIME_STOP);
        main.actions().add(ActionType.FILE_COPY);
        main.actions().select(0);

        Problem destination = vm.problems().stream()
                .filter(p -> p.location().equals("actions[1].source")).findFirst().orElseThrow();
        vm.choose(destination);

        assertThat(main.screenProperty().get()).isEqualTo(Screen.ACTIONS);
        assertThat(main.actions().selectedIndex()).isEqualTo(1);
        assertThat(main.model().focusRequestProperty().get()).isEqualTo("actions[1].source");
    }

    @Test
    void packageProblems_leadToThePackageScreen() {
        main.screenProperty().set(Screen.BUILD);
        main.metadata().versionProperty().set("one");

        vm.choose(vm.problems().stream().filter(p -> p.location().equals("version")).findFirst().orElseThrow());

        assertThat(main.screenProperty().get()).isEqualTo(Screen.PACKAGE);
        assertThat(main.model().focusRequestProperty().get()).isEqualTo("version");
    }

    @Test
    void summary_countsErrorsAndWarnings_andFollowsEveryEdit() {
        assertThat(vm.summaryProperty().get()).isEqualTo("1 error, 0 warnings");
        main.actions().add(ActionType.RUNTIME_RESTART);
        assertThat(vm.summaryProperty().get()).isEqualTo("No problems");
        assertThat(vm.problems()).isEmpty();
    }
}
