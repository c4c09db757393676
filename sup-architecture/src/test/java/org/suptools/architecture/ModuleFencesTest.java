package org.suptools.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;

/**
 * The module fences hold for the shipped classes of every module: read from the compiled classes
 * (ArchUnit), so a fully qualified name or a static import cannot slip past as it could past a
 * text search. {@link RulesCanFailTest} shows each rule catches a wrong import.
 */
class ModuleFencesTest {

    private static final JavaClasses SHIPPED = importShipped();

    /**
     * The modules' own classes: their folders or jars in the reactor's target folders, read
     * directly, so that the import does not open every library jar to look for org.suptools.
     */
    private static JavaClasses importShipped() {
        List<JarFile> jars = new ArrayList<>();
        try {
            List<Location> locations = new ArrayList<>();
            for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
                Path path = Path.of(entry);
                if (!entry.contains(File.separator + "target")) {
                    continue;
                }
                if (Files.isDirectory(path)) {
                    locations.add(Location.of(path));
                } else if (entry.endsWith(".jar")) {
                    JarFile jar = new JarFile(path.toFile());
                    jars.add(jar);
                    locations.add(Location.of(jar));
                }
            }
            return new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                    .importLocations(locations);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            for (JarFile jar : jars) {
                try {
                    jar.close();
                } catch (IOException e) {
                    // Read already; nothing is lost.
                }
            }
        }
    }

    @Test
    void theShippedClassesOfEveryModule_areRead() {
        assertThat(List.of("org.suptools.model", "org.suptools.tr50", "org.suptools.installer.api",
                "org.suptools.commandline",
                "org.suptools.installer.install", "org.suptools.cli", "org.suptools.workbench.viewmodel",
                "org.suptools.samples", "org.suptools.portal", "org.suptools.agent")).allSatisfy(pkg -> assertThat(SHIPPED.containPackage(pkg)).as(pkg).isTrue());
        assertThat(SHIPPED.stream().map(JavaClass::getName)).noneMatch(name -> name.contains("wrongfixture"));
    }

    @Test
    void noModule_hasAPackageCycle() {
        ModuleRules.MODULE_ROOTS.forEach(root -> ModuleRules.noPackageCycles(root).check(SHIPPED));
    }

    @Test
    void theModel_importsNoModuleAboveIt() {
        ModuleRules.modelImportsNothingAbove().check(SHIPPED);
    }

    @Test
    void theModel_startsNoProcess() {
        ModuleRules.modelStartsNoProcess().check(SHIPPED);
    }

    @Test
    void theProtocol_importsNoOtherModule() {
        ModuleRules.tr50ImportsNoOtherModule().check(SHIPPED);
    }

    @Test
    void theCommandLineSupport_importsNoOtherModule() {
        ModuleRules.commandLineImportsNoOtherModule().check(SHIPPED);
    }

    @Test
    void theInstallersContract_importsOnlyTheProtocol() {
        ModuleRules.contractImportsOnlyTheProtocol().check(SHIPPED);
    }

    @Test
    void viewModels_importNoScene() {
        ModuleRules.viewModelsImportNoScene().check(SHIPPED);
    }

    @Test
    void noTool_importsAnotherTool() {
        ModuleRules.TOOLS.forEach(tool -> ModuleRules.toolImportsNoOtherTool(tool).check(SHIPPED));
    }

    @Test
    void onlyTheInstaller_usesItsInternals() {
        ModuleRules.onlyTheInstallerUsesItsInternals().check(SHIPPED);
    }

    @Test
    void nothing_dependsOnDemoCode() {
        ModuleRules.nothingDependsOnDemoCode().check(SHIPPED);
    }

    @Test
    void nothing_dependsOnThePortalEmulator() {
        ModuleRules.nothingDependsOnThePortal().check(SHIPPED);
    }

    @Test
    void nothing_dependsOnTestSupport() {
        ModuleRules.nothingDependsOnTestSupport().check(SHIPPED);
    }
}
