package org.suptools.samples.runtime;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.CodeSource;
import java.time.Instant;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipParameters;

/**
 * Lays out runtime homes and firmware archives of the sample runtime, for the sandbox and for
 * tests. A runtime home looks like this (see {@code sample-packages/runtime/README.md}):
 *
 * <pre>
 * conf/dwcore.properties        base settings
 * conf/dwcore.user.properties   local overrides
 * runtime/VERSION               the installed runtime version   } the tree firmware.update
 * runtime/bin/runtime-ctl       start | stop | status | health  } swaps
 * runtime/lib/sample-runtime.jar                                }
 * logs/                         runtime.log, runtime.out
 * run/                          runtime.pid, runtime.port while it runs
 * </pre>
 */
public final class RuntimeHomeLayout {

    /** The runtime tree inside a home, the default directory of {@code firmware.update}. */
    public static final String RUNTIME_DIR = "runtime";
    public static final String JAR = "runtime/lib/sample-runtime.jar";
    public static final String CTL = "runtime/bin/runtime-ctl";

    private static final String CTL_RESOURCE = "/org/suptools/samples/runtime/bin/runtime-ctl";
    private static final FileTime FIXED_TIME = FileTime.from(Instant.parse("2026-01-01T00:00:00Z"));

    private RuntimeHomeLayout() {
    }

    /**
     * Creates (or overwrites) the files of a stopped runtime home at {@code home}: configuration,
     * the runtime tree of {@code version}, and empty {@code logs} and {@code run} directories.
     *
     * @return the home as an absolute path
     */
    public static Path create(Path home, String version) throws IOException {
        Path root = home.toAbsolutePath().normalize();
        Files.createDirectories(root.resolve("conf"));
        Files.createDirectories(root.resolve("logs"));
        Files.createDirectories(root.resolve("run"));
        Files.writeString(root.resolve("conf/dwcore.properties"), DWCORE_PROPERTIES, StandardCharsets.ISO_8859_1);
        Files.writeString(root.resolve("conf/dwcore.user.properties"), DWCORE_USER_PROPERTIES, StandardCharsets.ISO_8859_1);
        runtimeTree(root.resolve(RUNTIME_DIR), version, true);
        return root;
    }

    /**
     * Writes the contents of a runtime tree into {@code dir}: {@code VERSION}, {@code
     * lib/sample-runtime.jar}, {@code bin/runtime-ctl}, and {@code HEALTH_FAIL} when not {@code
     * healthy} (a runtime started from that tree answers its health check with 503).
     */
    public static void runtimeTree(Path dir, String version, boolean healthy) throws IOException {
        Files.createDirectories(dir.resolve("bin"));
        Files.createDirectories(dir.resolve("lib"));
        Files.writeString(dir.resolve("VERSION"), version + "\n", StandardCharsets.UTF_8);
        Files.write(dir.resolve("lib/sample-runtime.jar"), runtimeJar());
        Path ctl = dir.resolve("bin/runtime-ctl");
        Files.write(ctl, ctlScript());
        makeExecutable(ctl);
        Path healthFail = dir.resolve("HEALTH_FAIL");
        if (healthy) {
            Files.deleteIfExists(healthFail);
        } else {
            Files.writeString(healthFail, "this runtime tree fails its health check on purpose\n", StandardCharsets.UTF_8);
        }
    }

    /**
     * Writes a {@code firmware.update} payload to {@code out}: a tar.gz whose entries are the
     * contents of a runtime tree (as {@link #runtimeTree}), relative to the tree, with fixed
     * order, times and modes.
     *
     * @return {@code out}
     */
    public static Path firmwareArchive(Path out, String version, boolean healthy) throws IOException {
        Path parent = out.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        GzipParameters gzip = new GzipParameters();
        gzip.setModificationTime(0);
        try (OutputStream file = Files.newOutputStream(out);
             TarArchiveOutputStream tar = new TarArchiveOutputStream(new GzipCompressorOutputStream(file, gzip))) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            if (!healthy) {
                putFile(tar, "HEALTH_FAIL", "this runtime tree fails its health check on purpose\n".getBytes(StandardCharsets.UTF_8), 0644);
            }
            putFile(tar, "VERSION", (version + "\n").getBytes(StandardCharsets.UTF_8), 0644);
            putDirectory(tar, "bin/");
            putFile(tar, "bin/runtime-ctl", ctlScript(), 0755);
            putDirectory(tar, "lib/");
            putFile(tar, "lib/sample-runtime.jar", runtimeJar(), 0644);
            tar.finish();
        }
        return out;
    }

    /** {@code [HOME/runtime/bin/runtime-ctl, verb, HOME]}: a start, stop, status or health command. */
    public static List<String> command(Path home, String verb) {
        Path root = home.toAbsolutePath().normalize();
        return List.of(root.resolve(CTL).toString(), verb, root.toString());
    }

    /**
     * The runnable jar of the sample runtime: the jar this class was loaded from, or, when it was
     * loaded from a classes directory (in this module's own tests), a jar built from that directory.
     */
    public static byte[] runtimeJar() throws IOException {
        Path location = codeLocation();
        if (Files.isRegularFile(location)) {
            return Files.readAllBytes(location);
        }
        return jarOf(location);
    }

    /** The control script, from the classpath copy of {@code sample-packages/runtime/bin/runtime-ctl}. */
    public static byte[] ctlScript() throws IOException {
        try (InputStream in = RuntimeHomeLayout.class.getResourceAsStream(CTL_RESOURCE)) {
            if (in == null) {
                throw new IOException("resource " + CTL_RESOURCE + " is missing from the classpath");
            }
            return in.readAllBytes();
        }
    }

    private static Path codeLocation() throws IOException {
        CodeSource source = RuntimeHomeLayout.class.getProtectionDomain().getCodeSource();
        if (source == null || source.getLocation() == null) {
            throw new IOException("cannot tell where the sample runtime's classes were loaded from");
        }
        try {
            return Path.of(source.getLocation().toURI());
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw new IOException("cannot locate the sample runtime's classes at " + source.getLocation(), e);
        }
    }

    private static byte[] jarOf(Path classes) throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, SampleRuntime.class.getName());
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JarOutputStream jar = new JarOutputStream(bytes);
             Stream<Path> files = Files.walk(classes)) {
            // Written by hand: JarOutputStream's own manifest entry carries the current time,
            // which would make two firmware archives of the same tree differ.
            JarEntry manifestEntry = new JarEntry("META-INF/MANIFEST.MF");
            manifestEntry.setLastModifiedTime(FIXED_TIME);
            jar.putNextEntry(manifestEntry);
            manifest.write(jar);
            jar.closeEntry();
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                String name = classes.relativize(file).toString().replace(FileSystems.getDefault().getSeparator(), "/");
                if (name.equals("META-INF/MANIFEST.MF")) {
                    continue;
                }
                JarEntry entry = new JarEntry(name);
                entry.setLastModifiedTime(FIXED_TIME);
                jar.putNextEntry(entry);
                Files.copy(file, jar);
                jar.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    private static void putFile(TarArchiveOutputStream tar, String name, byte[] content, int mode) throws IOException {
        TarArchiveEntry entry = new TarArchiveEntry(name);
        entry.setSize(content.length);
        entry.setMode(TarArchiveEntry.DEFAULT_FILE_MODE & ~0777 | mode);
        entry.setLastModifiedTime(FIXED_TIME);
        tar.putArchiveEntry(entry);
        tar.write(content);
        tar.closeArchiveEntry();
    }

    private static void putDirectory(TarArchiveOutputStream tar, String name) throws IOException {
        TarArchiveEntry entry = new TarArchiveEntry(name);
        entry.setMode(TarArchiveEntry.DEFAULT_DIR_MODE);
        entry.setLastModifiedTime(FIXED_TIME);
        tar.putArchiveEntry(entry);
        tar.closeArchiveEntry();
    }

    private static void makeExecutable(Path file) throws IOException {
        if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        } else if (!file.toFile().setExecutable(true, false)) {
            throw new IOException("cannot make " + file + " executable");
        }
    }

    private static final String DWCORE_PROPERTIES = """
            # Core settings of the sample gateway runtime (a stand-in for a deviceWISE dwcore).
            # Read at start, then conf/dwcore.*.properties and conf/user.*.properties in name
            # order; a later file overrides the keys of an earlier one. Changes need a restart.

            # Port of the runtime's web console. Reported by /health only: the health endpoint
            # itself listens on an ephemeral loopback port, written to run/runtime.port.
            dw.http.port=8081

            # ERROR, WARN, INFO or DEBUG.
            dw.log.level=WARN

            # Extra diagnostics in logs/runtime.log (each health request, among others).
            dw.debug=false

            # The name this gateway reports.
            dw.gateway.name=sample-gateway

            # When true, /health answers 503: the runtime starts but never becomes healthy.
            dw.health.fail=false
            """;

    private static final String DWCORE_USER_PROPERTIES = """
            # Local overrides of dwcore.properties for this gateway.
            dw.log.level=DEBUG
            dw.debug=true
            """;
}
