package org.suptools.workbench.service;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The sample packages of the source tree ({@code sample-packages/packages}, each a folder with a
 * {@code sup.yaml}, its payload and a README whose heading says what it does), for File > New from
 * sample: a sample is copied, spec and payload, into a folder of the user's, so the user edits a copy.
 */
public final class SampleLibrary {

    /** One sample: its folder's name and the README's heading without its "Sample: " prefix. */
    public record Sample(String name, String title, Path dir) {
    }

    private final Path dir;

    public SampleLibrary(Path dir) {
        this.dir = dir;
    }

    /** The samples, by name; none when the folder is not there. */
    public List<Sample> list() throws IOException {
        if (dir == null || !Files.isDirectory(dir)) {
            return List.of();
        }
        List<Sample> samples = new ArrayList<>();
        try (Stream<Path> entries = Files.list(dir)) {
            for (Path sample : entries.sorted().toList()) {
                if (Files.isRegularFile(sample.resolve("sup.yaml"))) {
                    String name = sample.getFileName().toString();
                    samples.add(new Sample(name, title(sample).orElse(name), sample));
                }
            }
        }
        return List.copyOf(samples);
    }

    private static Optional<String> title(Path sample) throws IOException {
        Path readme = sample.resolve("README.md");
        if (!Files.isRegularFile(readme)) {
            return Optional.empty();
        }
        try (Stream<String> lines = Files.lines(readme, StandardCharsets.UTF_8)) {
            return lines.filter(l -> l.startsWith("# ")).findFirst()
                    .map(l -> l.substring(2).replaceFirst("^Sample: ", "").strip());
        }
    }

    /**
     * Copies the sample's files into {@code target} (made when missing; refused when it holds
     * anything, so no file of the user's is overwritten) and returns the copy's spec. A folder inside
     * the sample is refused too: the copy would be made into the sample itself. Links are refused,
     * not followed: a copy holds the sample's own files only.
     */
    public Path copy(Sample sample, Path target) throws IOException {
        if (real(target).startsWith(sample.dir().toRealPath())) {
            throw new IOException(target + ": inside the sample " + sample.name()
                    + "; choose an empty folder outside it, so the sample stays as it is");
        }
        if (Files.isDirectory(target)) {
            try (Stream<Path> entries = Files.list(target)) {
                if (entries.findAny().isPresent()) {
                    throw new DirectoryNotEmptyException(target + ": not empty; choose an empty folder for the sample");
                }
            }
        }
        Files.createDirectories(target);
        try (Stream<Path> files = Files.walk(sample.dir())) {
            for (Path from : files.sorted().toList()) {
                Path to = target.resolve(sample.dir().relativize(from).toString());
                if (Files.isSymbolicLink(from)) {
                    throw new IOException(from + ": a link; samples are copied file by file");
                } else if (Files.isDirectory(from, LinkOption.NOFOLLOW_LINKS)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(from, to, LinkOption.NOFOLLOW_LINKS);
                }
            }
        }
        return target.resolve("sup.yaml");
    }

    /** Where a path really is, links resolved, though its last folders may not be made yet. */
    private static Path real(Path path) throws IOException {
        Path absolute = path.toAbsolutePath().normalize();
        Path existing = absolute;
        while (existing.getParent() != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        return existing.toRealPath().resolve(existing.relativize(absolute));
    }
}
