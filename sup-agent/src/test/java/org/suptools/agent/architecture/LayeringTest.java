package org.suptools.agent.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The agent talks to the installer only through its contract (sup-installer-api) and its process,
 * never its internals; it knows nothing of the portal emulator, the CLI or the Workbench. Read
 * from the compiled classes, so a fully qualified name cannot slip past.
 */
class LayeringTest {

    private static final JavaClasses AGENT = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.suptools.agent");

    @Test
    void agent_usesTheInstallerOnlyThroughItsContract() {
        noClasses().should().dependOnClassesThat(resideInAPackage("org.suptools.installer..")
                .and(not(resideInAPackage("org.suptools.installer.api..")))).check(AGENT);
    }

    @Test
    void agent_dependsOnNoOtherTool() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("org.suptools.portal..", "org.suptools.cli..",
                "org.suptools.workbench..", "javafx..", "org.apache.commons.exec..").check(AGENT);
    }

    @Test
    void agent_packagesFormNoCycle() {
        slices().matching("org.suptools.agent.(*)..").should().beFreeOfCycles().check(AGENT);
    }
}
