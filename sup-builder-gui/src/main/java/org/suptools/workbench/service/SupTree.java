package org.suptools.workbench.service;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;

/**
 * The SUP source tree the Workbench runs from ({@code bin/sup-workbench} passes it as
 * {@code -Dsup.home}; else {@code $SUP_HOME}), where its samples and the guide are, and the
 * Workbench's version. {@code home} is null when the Workbench runs from neither: there are then
 * no samples and Help says where the guide is instead of opening it.
 */
public record SupTree(Path home, String version) {

    static final String VERSION_RESOURCE = "workbench-version.properties";
    static final String GUIDE = "docs/guide/README.md";
    /** The install-process page's section on what each action type does on the gateway. */
    static final String ACTIONS = "docs/reference/install-process.md";
    static final String ACTIONS_SECTION = "actions-on-the-gateway";

    public SupTree {
        if (version == null || version.isBlank()) {
            throw new IllegalArgumentException("version: is required");
        }
    }

    public static SupTree fromEnvironment() {
        Path home = Optional.ofNullable(System.getProperty("sup.home"))
                .or(() -> Optional.ofNullable(System.getenv("SUP_HOME")))
                .filter(h -> !h.isBlank()).map(Path::of).orElse(null);
        return new SupTree(home, builtVersion());
    }

    /** The version Maven wrote into the Workbench's resources when it was built. */
    public static String builtVersion() {
        try (InputStream in = SupTree.class.getResourceAsStream("/org/suptools/workbench/" + VERSION_RESOURCE)) {
            if (in == null) {
                return "unknown (no " + VERSION_RESOURCE + ")";
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown (" + e.getMessage() + ")";
        }
    }

    public SampleLibrary samples() {
        return new SampleLibrary(home == null ? null : home.resolve("sample-packages/packages"));
    }

    /** The user guide's contents page, when the tree has it. */
    public Optional<String> guide() {
        return page(GUIDE, null);
    }

    /** What each action type does, when the tree has the page. */
    public Optional<String> actionReference() {
        return page(ACTIONS, ACTIONS_SECTION);
    }

    private Optional<String> page(String relative, String section) {
        if (home == null || !Files.isRegularFile(home.resolve(relative))) {
            return Optional.empty();
        }
        String uri = home.resolve(relative).toAbsolutePath().normalize().toUri().toString();
        return Optional.of(section == null ? uri : uri + "#" + section);
    }
}
