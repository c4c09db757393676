package org.suptools.workbench.viewmodel;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.suptools.workbench.TestPackages;
import org.suptools.workbench.service.RecentFiles;
import org.suptools.workbench.service.SampleLibrary;
import org.suptools.workbench.service.SupTree;

class NewFromSampleTest {

    private static final Path TREE = Path.of("..").toAbsolutePath().normalize();
    private static final Path SAMPLES = TREE.resolve("sample-packages/packages");

    private final MainViewModel vm = workbench(TREE);

    static MainViewModel workbench(Path tree) {
        var s = TestPackages.services();
        return new MainViewModel(new MainViewModel.Services(s.payloads(), s.packages(), s.runner(), s.launcher(),
                s.installer(), s.clock(), s.gateways(), RecentFiles.inMemory(), new SupTree(tree, "9.8.7")));
    }

    private SampleLibrary.Sample sample(String name) {
        return vm.samples().stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void samples_areTheSamplePackages_namedByTheirReadme() {
        assertThat(vm.samples()).extracting(SampleLibrary.Sample::name)
                .contains("runtime-config", "app-bundle", "cert-rotation", "two-products");
        assertThat(sample("runtime-config").title()).isEqualTo("runtime configuration change");
    }

    @Test
    void newFromSample_copiesSpecAndPayload_andOpensTheCopy_notTheSample(@TempDir Path dir) throws Exception {
        Path copy = dir.resolve("my-config");

        assertThat(vm.newFromSample(sample("runtime-config"), copy)).isTrue();

        assertThat(copy.resolve("sup.yaml")).hasSameTextualContentAs(SAMPLES.resolve("runtime-config/sup.yaml"));
        try (var payload = Files.list(SAMPLES.resolve("runtime-config/payload"))) {
            payload.forEach(file -> assertThat(copy.resolve("payload").resolve(file.getFileName().toString()))
                    .hasSameBinaryContentAs(file));
        }
        assertThat(vm.model().specFile()).isEqualTo(copy.resolve("sup.yaml").toAbsolutePath());
        assertThat(vm.model().assembly().errorCount()).isZero();
        assertThat(vm.statusProperty().get()).startsWith("New package from the sample runtime-config");
    }

    @Test
    void newFromSample_refusesAFolderThatHoldsFiles_andLeavesThemAlone(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("sup.yaml"), "mine");

        assertThat(vm.newFromSample(sample("runtime-config"), dir)).isFalse();

        assertThat(dir.resolve("sup.yaml")).hasContent("mine");
        assertThat(vm.statusProperty().get()).contains("not empty; choose an empty folder");
    }

    @Test
    void samples_noneWhenTheTreeIsNotThere(@TempDir Path dir) {
        assertThat(workbench(dir.resolve("missing")).samples()).isEmpty();
    }
}
