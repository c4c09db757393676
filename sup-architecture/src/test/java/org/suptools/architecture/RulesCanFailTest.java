package org.suptools.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import org.junit.jupiter.api.Test;

/**
 * Each module rule fails on a deliberately wrong fixture (test classes only, never shipped), so a
 * rule that passes in {@link ModuleFencesTest} passes because the code is right, not because the
 * rule cannot fail.
 */
class RulesCanFailTest {

    private static EvaluationResult evaluate(ArchRule rule, String... fixturePackages) {
        JavaClasses fixtures = new ClassFileImporter().importPackages(fixturePackages);
        assertThat(fixtures).as("fixtures in %s", String.join(", ", fixturePackages)).isNotEmpty();
        return rule.evaluate(fixtures);
    }

    private static void assertFails(EvaluationResult result, String naming) {
        assertThat(result.hasViolation()).as("the rule catches %s", naming).isTrue();
        assertThat(result.getFailureReport().toString()).contains(naming);
    }

    @Test
    void aPackageCycle_fails() {
        assertFails(evaluate(ModuleRules.noPackageCycles("org.suptools.model"), "org.suptools.model.chicken",
                "org.suptools.model.egg"), "Chicken");
    }

    @Test
    void theModelImportingTheInstaller_fails() {
        assertFails(evaluate(ModuleRules.modelImportsNothingAbove(), "org.suptools.model.wrongfixture"),
                "ModelUsingTheInstaller");
    }

    @Test
    void theModelStartingAProcess_fails() {
        assertFails(evaluate(ModuleRules.modelStartsNoProcess(), "org.suptools.model.wrongfixture"),
                "ModelStartingAProcess");
    }

    @Test
    void theProtocolImportingTheModel_fails() {
        assertFails(evaluate(ModuleRules.tr50ImportsNoOtherModule(), "org.suptools.tr50.wrongfixture"),
                "ProtocolUsingTheModel");
    }

    @Test
    void theCommandLineSupportImportingTheModel_fails() {
        assertFails(evaluate(ModuleRules.commandLineImportsNoOtherModule(), "org.suptools.commandline.wrongfixture"),
                "CommandLineUsingTheModel");
    }

    @Test
    void theContractImportingInstallerInternals_fails() {
        assertFails(evaluate(ModuleRules.contractImportsOnlyTheProtocol(), "org.suptools.installer.api.wrongfixture"),
                "ContractUsingInternals");
    }

    @Test
    void aViewModelImportingAControl_fails() {
        assertFails(evaluate(ModuleRules.viewModelsImportNoScene(), "org.suptools.workbench.viewmodel.wrongfixture"),
                "ViewModelWithAScene");
    }

    @Test
    void aCallerImportingInstallerInternals_fails() {
        assertFails(evaluate(ModuleRules.onlyTheInstallerUsesItsInternals(), "org.suptools.cli.wrongfixture"),
                "CliUsingInstallerInternals");
    }

    @Test
    void productionCodeImportingTheSampleRuntime_fails() {
        assertFails(evaluate(ModuleRules.nothingDependsOnDemoCode(), "org.suptools.cli.wrongfixture"),
                "CliUsingTheSampleRuntime");
    }

    @Test
    void aToolImportingAnotherTool_fails() {
        assertFails(evaluate(ModuleRules.toolImportsNoOtherTool(ModuleRules.CLI), "org.suptools.cli.wrongfixture"),
                "CliUsingThePortal");
    }

    @Test
    void aProductModuleImportingThePortal_fails() {
        assertFails(evaluate(ModuleRules.nothingDependsOnThePortal(), "org.suptools.cli.wrongfixture"),
                "CliUsingThePortal");
    }

    @Test
    void productionCodeImportingATestLibrary_fails() {
        assertFails(evaluate(ModuleRules.nothingDependsOnTestSupport(), "org.suptools.cli.wrongfixture"),
                "CliUsingAssertions");
    }
}
