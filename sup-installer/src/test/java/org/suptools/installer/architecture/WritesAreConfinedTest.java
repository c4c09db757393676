package org.suptools.installer.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * No executor changes a file except through {@code GatewayFiles}, which checks each gateway path
 * against the allowed roots where the change is made. The few classes that call the file system's
 * changing methods themselves are listed here with the reason they may; a new call anywhere else
 * in {@code exec/} fails this test, so it cannot bypass the check by accident.
 */
class WritesAreConfinedTest {

    static final Path EXEC = InstallerLayeringTest.SOURCES.resolve("exec");

    /** Methods that create, change, move or delete something on the file system. */
    static final Pattern CHANGE = Pattern.compile("\\b(?:Files\\.(?:write|writeString|newOutputStream|newBufferedWriter"
            + "|newByteChannel|createDirector(?:y|ies)|createFile|createTemp\\w*|createSymbolicLink|createLink|delete"
            + "|deleteIfExists|move|copy|setPosixFilePermissions|setOwner|setAttribute|setLastModifiedTime)"
            + "|FileChannel\\.open|Durable\\.(?:write|replace|copyNew|move|rename|appendLine)"
            + "|AtomicFiles\\.(?:write|replace|create|renameForced)"
            + "|Trees\\.(?:deleteRecursively|copyTree)|(?:[vV]iew|\\.class\\))\\.set(?:Owner|Group|Permissions|Times))\\(");

    static final Map<String, String> ALLOWED = Map.of(
            "GatewayFiles.java", "the one place gateway paths change: each call works on the Confinement's answer",
            "FileBackup.java", "its own calls touch only the backup side, in the state directory",
            "ActionContext.java", "creates the backup directory and copies payloads into it (state directory)",
            "ArchiveUnpacker.java", "writes only inside the fresh staging tree it is given, as a real path, never "
                    + "through a link (every parent is checked), and spools a zip in the state directory");

    @Test
    void executors_changeFilesOnlyThroughGatewayFiles() throws IOException {
        List<String> violations = new ArrayList<>();
        try (Stream<Path> files = Files.list(EXEC)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
                if (ALLOWED.containsKey(file.getFileName().toString())) {
                    continue;
                }
                List<String> lines = Files.readAllLines(file);
                for (int i = 0; i < lines.size(); i++) {
                    Matcher matcher = CHANGE.matcher(lines.get(i));
                    if (matcher.find()) {
                        violations.add(file.getFileName() + ":" + (i + 1) + ": " + lines.get(i).strip());
                    }
                }
            }
        }
        assertThat(violations).as("changes to the file system outside GatewayFiles").isEmpty();
    }

    @Test
    void thePatternFindsTheCallsItIsMeantFor() {
        assertThat(List.of("Files.move(a, b)", "Files.setPosixFilePermissions(p, x)", "Trees.deleteRecursively(p)",
                "Durable.rename(a, b)", "view.setOwner(o)", "Files.getFileAttributeView(p, PosixFileAttributeView.class).setGroup(g)",
                "Files.createDirectories(d)", "Files.deleteIfExists(p)", "Durable.replace(p, c)",
                "AtomicFiles.write(p, b, FORCED)", "AtomicFiles.renameForced(a, b)"))
                .allMatch(line -> CHANGE.matcher(line).find());
        assertThat(List.of("files.replace(a, b)", "Files.exists(p)", "Files.readAllBytes(p)", "Trees.permissions(m)",
                "Files.getPosixFilePermissions(p)", "files.setPermissions(p, m)")).noneMatch(line -> CHANGE.matcher(line).find());
    }
}
