package org.suptools.samples.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The properties a runtime reads at start, the way a deviceWISE runtime does: {@code
 * conf/dwcore.properties} first, then every {@code conf/dwcore.*.properties} and {@code
 * conf/user.*.properties} in name order, each later file overriding the keys of the earlier ones.
 *
 * @param values the effective key/value pairs, sorted by key
 * @param files  the files read, in the order they were applied
 */
public record RuntimeProperties(SortedMap<String, String> values, List<Path> files) {

    /** The file every runtime home must have. */
    public static final String BASE_FILE = "dwcore.properties";

    public RuntimeProperties {
        values = Collections.unmodifiableSortedMap(new TreeMap<>(values));
        files = List.copyOf(files);
    }

    /**
     * Reads the properties of the runtime home {@code home}.
     *
     * @throws NoSuchFileException when {@code conf/dwcore.properties} is missing
     */
    public static RuntimeProperties load(Path home) throws IOException {
        Path conf = home.resolve("conf");
        List<Path> files = new ArrayList<>();
        files.add(conf.resolve(BASE_FILE));
        files.addAll(overrideFiles(conf));
        Map<String, String> values = new TreeMap<>();
        for (Path file : files) {
            Properties properties = new Properties();
            try (InputStream in = Files.newInputStream(file)) {
                properties.load(in);
            }
            for (String key : properties.stringPropertyNames()) {
                values.put(key, properties.getProperty(key));
            }
        }
        return new RuntimeProperties(new TreeMap<>(values), files);
    }

    /** {@code dwcore.*.properties} and {@code user.*.properties} in {@code conf}, sorted by name. */
    static List<Path> overrideFiles(Path conf) throws IOException {
        if (!Files.isDirectory(conf)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(conf)) {
            return entries
                    .filter(Files::isRegularFile)
                    .filter(path -> isOverride(path.getFileName().toString()))
                    .sorted((a, b) -> a.getFileName().toString().compareTo(b.getFileName().toString()))
                    .toList();
        }
    }

    static boolean isOverride(String name) {
        String suffix = ".properties";
        for (String prefix : List.of("dwcore.", "user.")) {
            if (name.startsWith(prefix) && name.endsWith(suffix)
                    && name.length() > prefix.length() + suffix.length()) {
                return true;
            }
        }
        return false;
    }

    public boolean flag(String key) {
        return Boolean.parseBoolean(values.getOrDefault(key, "false").trim());
    }
}
