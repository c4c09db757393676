package org.suptools.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.lang.ArchRule;
import java.util.List;

/**
 * The fences between the modules, as rules over compiled classes. Each module owns one package
 * tree; the installer's contract ({@code org.suptools.installer.api}, module sup-installer-api)
 * lives under the installer's name but is a module of its own, below the installer.
 */
final class ModuleRules {

    static final String MODEL = "org.suptools.model..";
    static final String TR50 = "org.suptools.tr50..";
    static final String CONTRACT = "org.suptools.installer.api..";
    static final String COMMAND_LINE = "org.suptools.commandline..";
    static final String INSTALLER = "org.suptools.installer..";
    static final String CLI = "org.suptools.cli..";
    static final String WORKBENCH = "org.suptools.workbench..";
    static final String SAMPLES = "org.suptools.samples..";
    static final String AGENT = "org.suptools.agent..";
    static final String PORTAL = "org.suptools.portal..";

    /** The root package of each module whose own packages must form no cycle. */
    static final List<String> MODULE_ROOTS = List.of("org.suptools.model", "org.suptools.tr50",
            "org.suptools.installer.api", "org.suptools.commandline", "org.suptools.installer", "org.suptools.cli", "org.suptools.workbench",
            "org.suptools.samples", "org.suptools.agent", "org.suptools.portal");

    /** Classes of the installer that are not its contract. */
    static final DescribedPredicate<JavaClass> INSTALLER_INTERNALS =
            resideInAPackage(INSTALLER).and(not(resideInAPackage(CONTRACT))).as("installer internals");

    private ModuleRules() {
    }

    /** Within one module, packages depend on each other one way only. */
    static ArchRule noPackageCycles(String moduleRoot) {
        return slices().matching(moduleRoot + ".(*)..").namingSlices("$1 of " + moduleRoot).should().beFreeOfCycles()
                .allowEmptyShould(true);
    }

    /** The model is the bottom: the format, knowing nothing of the modules built on it. */
    static ArchRule modelImportsNothingAbove() {
        return noClasses().that().resideInAPackage(MODEL).should().dependOnClassesThat()
                .resideInAnyPackage(TR50, COMMAND_LINE, INSTALLER, CLI, WORKBENCH, SAMPLES, AGENT, PORTAL)
                .because("sup-model is the format every other module builds on");
    }

    /** The format runs nothing: reading and writing packages never starts a process. */
    static ArchRule modelStartsNoProcess() {
        return noClasses().that().resideInAPackage(MODEL).should().dependOnClassesThat()
                .areAssignableTo(ProcessBuilder.class)
                .orShould().callMethod(Runtime.class, "exec", String.class)
                .orShould().callMethod(Runtime.class, "exec", String[].class)
                .because("a package is data until the installer applies it");
    }

    /** The protocol stands alone: Jackson only. */
    static ArchRule tr50ImportsNoOtherModule() {
        return noClasses().that().resideInAPackage(TR50).should().dependOnClassesThat()
                .resideInAnyPackage(MODEL, COMMAND_LINE, INSTALLER, CLI, WORKBENCH, SAMPLES, AGENT, PORTAL)
                .because("sup-tr50 is the portal protocol, shared by the installer, the agent and the portal");
    }

    /** What the command lines share stands alone: picocli only. */
    static ArchRule commandLineImportsNoOtherModule() {
        return noClasses().that().resideInAPackage(COMMAND_LINE).should().dependOnClassesThat()
                .resideInAnyPackage(MODEL, TR50, INSTALLER, CLI, WORKBENCH, SAMPLES, AGENT, PORTAL)
                .because("sup-command-line is shared by the programs' command lines, below them all");
    }

    /** The installer's contract uses only the protocol, so every caller can take it without the installer. */
    static ArchRule contractImportsOnlyTheProtocol() {
        return noClasses().that().resideInAPackage(CONTRACT).should().dependOnClassesThat(
                resideInAnyPackage(MODEL, CLI, WORKBENCH, SAMPLES, AGENT, PORTAL).or(INSTALLER_INTERNALS))
                .because("sup-installer-api is what the Workbench, sup demo and the agent share with the installer");
    }

    /** View-models hold state and logic; only views build scenes, so view-models test without a screen. */
    static ArchRule viewModelsImportNoScene() {
        return noClasses().that().resideInAPackage("org.suptools.workbench.viewmodel..").should()
                .dependOnClassesThat().resideInAPackage("javafx.scene..")
                .because("a view-model is tested without a screen");
    }

    /** The tools on top, each with its own package tree; none may import another's. */
    static final List<String> TOOLS = List.of(CLI, WORKBENCH, AGENT, PORTAL, SAMPLES);

    /**
     * A tool imports no other tool: they share only the modules below them (the installer, also a
     * tool, is fenced by {@link #onlyTheInstallerUsesItsInternals}).
     */
    static ArchRule toolImportsNoOtherTool(String tool) {
        String[] others = TOOLS.stream().filter(other -> !other.equals(tool)).toArray(String[]::new);
        return noClasses().that().resideInAPackage(tool).should().dependOnClassesThat().resideInAnyPackage(others)
                .allowEmptyShould(true)
                .because("the tools share only the modules below them");
    }

    /** Callers reach the installer through its contract and its process, never its internals. */
    static ArchRule onlyTheInstallerUsesItsInternals() {
        return noClasses().that().resideOutsideOfPackage(INSTALLER).should().dependOnClassesThat(INSTALLER_INTERNALS)
                .because("the installer runs as a separate process; callers use sup-installer-api");
    }

    /** The samples and their runtime are demo material; production code must not need them. */
    static ArchRule nothingDependsOnDemoCode() {
        return noClasses().that().resideOutsideOfPackage(SAMPLES).should().dependOnClassesThat()
                .resideInAPackage(SAMPLES)
                .because("sample-packages is demo material (sample runtime, sandbox), not part of a product");
    }

    /** The portal emulator stands in for the real portal: tests and demos use it, no product module does. */
    static ArchRule nothingDependsOnThePortal() {
        return noClasses().that().resideOutsideOfPackage(PORTAL).should().dependOnClassesThat()
                .resideInAPackage(PORTAL)
                .because("sup-portal emulates the real portal; the agent must work against the real one");
    }

    /** Production code uses no test framework nor any test helper. */
    static ArchRule nothingDependsOnTestSupport() {
        return noClasses().should().dependOnClassesThat().resideInAnyPackage("org.junit..", "org.assertj..",
                "org.testfx..", "org.mockito..", "..testing..", "org.suptools.e2e..")
                .because("test support is not shipped");
    }
}
