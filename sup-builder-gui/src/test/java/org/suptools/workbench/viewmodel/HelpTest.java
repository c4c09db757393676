package org.suptools.workbench.viewmodel;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.suptools.workbench.service.SupTree;

class HelpTest {

    private static final Path TREE = Path.of("..").toAbsolutePath().normalize();

    private final List<String> shown = new ArrayList<>();

    @Test
    void userGuide_showsTheTreesGuide_inTheBrowser() {
        MainViewModel vm = NewFromSampleTest.workbench(TREE);

        vm.openGuide(shown::add);

        assertThat(shown).containsExactly(TREE.resolve("docs/guide/README.md").toUri().toString());
        assertThat(vm.statusProperty().get()).isEqualTo("The user guide is open in the browser.");
    }

    @Test
    void actionReference_showsTheSectionOnActions_ofAPageThatHasIt() throws Exception {
        MainViewModel vm = NewFromSampleTest.workbench(TREE);

        vm.openActionReference(shown::add);

        assertThat(shown).singleElement().asString()
                .isEqualTo(TREE.resolve("docs/reference/install-process.md").toUri() + "#actions-on-the-gateway");
        assertThat(java.nio.file.Files.readString(TREE.resolve("docs/reference/install-process.md")))
                .contains("\n## Actions on the gateway\n");
    }

    @Test
    void help_withoutTheTree_opensNothing_andSaysWhereTheGuideIs(@TempDir Path elsewhere) {
        MainViewModel vm = NewFromSampleTest.workbench(elsewhere);

        vm.openGuide(shown::add);

        assertThat(shown).isEmpty();
        assertThat(vm.statusProperty().get()).contains("not found here").contains("bin/sup-workbench");
    }

    @Test
    void about_namesTheVersion_andTheBuiltVersionIsTheProjects() {
        assertThat(NewFromSampleTest.workbench(TREE).about()).startsWith("SUP Workbench 9.8.7\n");
        assertThat(SupTree.builtVersion()).matches("\\d+\\.\\d+\\.\\d+(-SNAPSHOT)?");
    }
}
