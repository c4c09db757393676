package org.suptools.workbench.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SampleLibraryTest {

    private static final Path SAMPLE = Path.of("../sample-packages/packages/runtime-config").toAbsolutePath().normalize();

    @TempDir
    Path dir;

    /** A library of one sample, a copy of the tree's runtime-config, that the test may harm. */
    private SampleLibrary.Sample sample() throws IOException {
        Path library = dir.resolve("samples");
        try (Stream<Path> files = Files.walk(SAMPLE)) {
            for (Path file : files.toList()) {
                Path to = library.resolve("runtime-config").resolve(SAMPLE.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(file, to);
                }
            }
        }
        return new SampleLibrary(library).list().get(0);
    }

    @Test
    void copy_intoAFolderInsideTheSample_isRefused_andTheSampleStaysAsItWas() throws Exception {
        SampleLibrary.Sample sample = sample();
        List<Path> before = files(sample.dir());

        for (Path inside : List.of(sample.dir().resolve("my-copy"), sample.dir().resolve("payload/new/deeper"),
                dir.resolve("samples/../samples/runtime-config/x"))) {
            assertThatThrownBy(() -> new SampleLibrary(dir.resolve("samples")).copy(sample, inside))
                    .isInstanceOf(IOException.class)
                    .hasMessage(inside + ": inside the sample runtime-config; choose an empty folder outside it, "
                            + "so the sample stays as it is");
        }

        assertThat(files(sample.dir())).isEqualTo(before);
    }

    @Test
    void copy_throughALinkToAFolderInsideTheSample_isRefused() throws Exception {
        SampleLibrary.Sample sample = sample();
        Files.createDirectories(sample.dir().resolve("empty"));
        Path link = Files.createSymbolicLink(dir.resolve("looks-elsewhere"), sample.dir().resolve("empty"));

        assertThatThrownBy(() -> new SampleLibrary(dir.resolve("samples")).copy(sample, link.resolve("copy")))
                .hasMessageContaining("inside the sample runtime-config");
        assertThat(sample.dir().resolve("empty")).isEmptyDirectory();
    }

    @Test
    void copy_intoANewFolderBesideTheSample_copiesItsFiles() throws Exception {
        SampleLibrary.Sample sample = sample();

        Path spec = new SampleLibrary(dir.resolve("samples")).copy(sample, dir.resolve("samples/my-copy"));

        assertThat(spec).hasSameTextualContentAs(sample.dir().resolve("sup.yaml"));
        assertThat(files(dir.resolve("samples/my-copy"))).isEqualTo(files(sample.dir()));
    }

    private static List<Path> files(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.map(root::relativize).sorted().toList();
        }
    }
}
