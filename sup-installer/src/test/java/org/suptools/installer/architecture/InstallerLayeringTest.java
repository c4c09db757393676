package org.suptools.installer.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The installer's packages depend on each other in one direction only: file and journal
 * primitives at the bottom, then the archive payload reader, the action executors and reports,
 * then planning and verification, then the install flow, and the command line on top. Nothing in
 * the installer touches JavaFX or AWT.
 */
class InstallerLayeringTest {

    static final Path SOURCES = Path.of("src/main/java/org/suptools/installer");
    /** A reference to one of the installer's packages; {@code org.suptools.installer.api} is sup-installer-api, a module below. */
    static final Pattern REFERENCE = Pattern.compile("org\\.suptools\\.installer\\.(?!api\\.)([a-z]+)\\.");

    /** For each package, the installer packages it may use (besides itself and the root package's values). */
    static final Map<String, Set<String>> ALLOWED = Map.ofEntries(
            Map.entry("", Set.of()),
            Map.entry("fs", Set.of()),
            Map.entry("config", Set.of()),
            Map.entry("process", Set.of()),
            Map.entry("runtime", Set.of("process")),
            Map.entry("journal", Set.of("fs")),
            Map.entry("event", Set.of("fs")),
            Map.entry("report", Set.of("event", "fs")),
            Map.entry("state", Set.of("event", "fs", "report")),
            Map.entry("archive", Set.of("fs")),
            Map.entry("exec", Set.of("archive", "fs", "journal", "process", "runtime")),
            Map.entry("plan", Set.of("archive", "config", "exec", "fs", "report")),
            Map.entry("verify", Set.of("config", "event", "state")),
            Map.entry("install", Set.of("archive", "config", "event", "exec", "fs", "journal", "plan", "process",
                    "report", "runtime", "state", "verify")),
            Map.entry("cli", Set.of("archive", "config", "event", "exec", "fs", "install", "journal", "plan", "process",
                    "report", "runtime", "state", "verify")));

    @Test
    void packages_dependOnlyDownwards() throws IOException {
        List<String> violations = new ArrayList<>();
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String pkg = SOURCES.relativize(file.getParent()).toString();
                assertThat(ALLOWED).as("a layer is defined for package '%s'", pkg).containsKey(pkg);
                String source = Files.readString(file);
                Matcher matcher = REFERENCE.matcher(source);
                while (matcher.find()) {
                    String used = matcher.group(1);
                    if (!used.equals(pkg) && !ALLOWED.get(pkg).contains(used)) {
                        violations.add(SOURCES.relativize(file) + " uses " + used);
                    }
                }
                if (source.contains("javafx.") || source.contains("java.awt")) {
                    violations.add(SOURCES.relativize(file) + " uses JavaFX or AWT");
                }
            }
        }
        assertThat(violations).isEmpty();
    }
}
