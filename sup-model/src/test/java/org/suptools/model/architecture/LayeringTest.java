package org.suptools.model.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The model sits at the bottom: it knows nothing of screens, command lines or processes, and its
 * own packages depend on each other one way only. Read from the compiled classes (ArchUnit), so
 * a fully qualified name or a static import cannot slip past as it could past a text search.
 */
class LayeringTest {

    private static final JavaClasses MODEL = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.suptools.model");

    @Test
    void model_packagesFormNoCycle() {
        slices().matching("org.suptools.model.(*)..").should().beFreeOfCycles().check(MODEL);
    }

    @Test
    void model_dependsOnNoUiCliProcessOrUpperLayer() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("javafx..", "picocli..",
                "org.apache.commons.exec..", "org.suptools.cli..", "org.suptools.installer..",
                "org.suptools.workbench..", "org.suptools.agent..", "org.suptools.portal..")
                .check(MODEL);
    }

    @Test
    void model_startsNoProcess() {
        noClasses().should().dependOnClassesThat().areAssignableTo(ProcessBuilder.class)
                .orShould().callMethod(Runtime.class, "exec", String.class)
                .orShould().callMethod(Runtime.class, "exec", String[].class)
                .check(MODEL);
    }
}
