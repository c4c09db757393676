package org.suptools.workbench.viewmodel;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.suptools.workbench.TestPackages;

/** The Build tab's "Compare with previous build": the last build of the same output file, kept before it is replaced. */
class BuildCompareTest {

    private final MainViewModel main = new MainViewModel(TestPackages.services());
    private final BuildViewModel build = main.build();

    @Test
    void compareWithPrevious_afterRebuildingTheSameOutput_showsWhatChanged(@TempDir Path dir) throws Exception {
        main.open(TestPackages.copyAllActions(dir.resolve("pkg")));
        Path out = dir.resolve("out.sup");
        build.chooseOutput(out);
        build.build();
        assertThat(build.previousProperty().get()).as("nothing built before this session").isNull();
        byte[] first = Files.readAllBytes(out);

        main.metadata().text("version").set("1.5.0");
        build.build();

        Path previous = build.previousProperty().get();
        assertThat(previous).isNotNull().isNotEqualTo(out);
        assertThat(Files.readAllBytes(previous)).isEqualTo(first);
        assertThat(build.log()).anyMatch(line -> line.contains("kept the previous build to compare with"));

        build.compareWithPrevious();

        assertThat(main.screenProperty().get()).isEqualTo(Screen.INSPECT);
        CompareViewModel compare = main.compare();
        assertThat(compare.shownProperty().get()).isTrue();
        assertThat(compare.fileAProperty().get()).isEqualTo(previous);
        assertThat(compare.fileBProperty().get()).isEqualTo(out);
        assertThat(compare.rows()).containsExactly(
                new DiffRow("Metadata", "changed", "version", "", "1.4.0-rc.1+build.7", "1.5.0"));
    }

    @Test
    void compareWith_aPackageTheUserPicks_comparesItWithTheOneJustBuilt(@TempDir Path dir) throws Exception {
        main.open(TestPackages.copyAllActions(dir.resolve("pkg")));
        build.chooseOutput(dir.resolve("old.sup"));
        build.build();
        main.metadata().text("version").set("2.0.0");
        build.chooseOutput(dir.resolve("new.sup"));
        build.build();
        assertThat(build.previousProperty().get()).as("another output file").isNull();

        build.compareWith(dir.resolve("old.sup"));

        assertThat(main.compare().rows()).extracting(DiffRow::item).containsExactly("version");
        assertThat(main.compare().headlineProperty().get()).isEqualTo("1 difference: 1 in metadata");
    }

    @Test
    void openingAPackage_leavesTheComparison_andShowsThePackage(@TempDir Path dir) throws Exception {
        main.open(TestPackages.copyAllActions(dir.resolve("pkg")));
        build.chooseOutput(dir.resolve("a.sup"));
        build.build();
        main.compare(dir.resolve("a.sup"), dir.resolve("a.sup"));
        assertThat(main.compare().identicalProperty().get()).isTrue();

        main.open(dir.resolve("a.sup"));

        assertThat(main.compare().shownProperty().get()).isFalse();
        assertThat(main.inspector().openedProperty().get()).isNotNull();
    }
}
