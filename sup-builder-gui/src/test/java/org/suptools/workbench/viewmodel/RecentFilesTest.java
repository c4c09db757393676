package org.suptools.workbench.viewmodel;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.suptools.workbench.TestPackages;
import org.suptools.workbench.service.RecentFiles;

class RecentFilesTest {

    private static MainViewModel workbench(Path config) {
        var s = TestPackages.services();
        return new MainViewModel(new MainViewModel.Services(s.payloads(), s.packages(), s.runner(), s.launcher(),
                s.installer(), s.clock(), s.gateways(), new RecentFiles(config)));
    }

    @Test
    void openAndSave_areRemembered_newestFirst_andSurviveARestart(@TempDir Path dir) throws Exception {
        Path config = dir.resolve("config");
        Path first = TestPackages.copyAllActions(Files.createDirectories(dir.resolve("a")));
        Path second = TestPackages.copyAllActions(Files.createDirectories(dir.resolve("b")));
        MainViewModel vm = workbench(config);

        vm.open(first);
        vm.open(second);
        vm.open(first);

        assertThat(vm.recent()).containsExactly(first.toAbsolutePath(), second.toAbsolutePath());
        assertThat(workbench(config).recent()).containsExactly(first.toAbsolutePath(), second.toAbsolutePath());

        Path saved = dir.resolve("c/sup.yaml");
        Files.createDirectories(saved.getParent());
        assertThat(vm.saveAs(saved)).isTrue();
        assertThat(workbench(config).recent()).first().isEqualTo(saved.toAbsolutePath());
    }

    @Test
    void recent_keepsOnlyTheLastTen(@TempDir Path dir) throws Exception {
        RecentFiles recent = new RecentFiles(dir);
        for (int i = 0; i < 12; i++) {
            recent.remember(dir.resolve("spec-" + i + ".yaml"));
        }

        assertThat(recent.list()).hasSize(RecentFiles.MAX)
                .startsWith(dir.resolve("spec-11.yaml"))
                .doesNotContain(dir.resolve("spec-0.yaml"), dir.resolve("spec-1.yaml"));
    }

    @Test
    void openRecent_aFileThatIsGone_isDroppedWithAMessage(@TempDir Path dir) throws Exception {
        Path config = dir.resolve("config");
        Path spec = TestPackages.copyAllActions(Files.createDirectories(dir.resolve("a")));
        MainViewModel vm = workbench(config);
        vm.open(spec);
        Files.walk(spec.getParent()).sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());

        assertThat(vm.openRecent(spec.toAbsolutePath())).isFalse();

        assertThat(vm.statusProperty().get()).contains("no longer there").contains("removed from the recent files");
        assertThat(vm.recent()).isEmpty();
        assertThat(workbench(config).recent()).isEmpty();
    }

    @Test
    void theRecentList_tellsItsListenersOfEveryChange_afterAGarbageCollectionToo(@TempDir Path dir) throws Exception {
        Path spec = TestPackages.copyAllActions(Files.createDirectories(dir.resolve("a")));
        MainViewModel vm = workbench(dir.resolve("config"));
        java.util.List<java.util.List<Path>> heard = new java.util.ArrayList<>();
        vm.recent().addListener((javafx.collections.ListChangeListener<Path>) c -> heard.add(java.util.List.copyOf(c.getList())));
        for (int i = 0; i < 3; i++) {
            System.gc();
        }

        vm.open(spec);

        assertThat(heard).containsExactly(java.util.List.of(spec.toAbsolutePath()));
    }
}
