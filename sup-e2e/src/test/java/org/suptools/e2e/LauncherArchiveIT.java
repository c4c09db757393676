package org.suptools.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.suptools.e2e.Launchers.ROOT;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.suptools.e2e.Launchers.Result;

/**
 * The launchers' class-data archive ({@code cds_options} in bin/lib/launcher.sh), made by a real
 * training run of the installer: once per build, and again when the java on the PATH is another
 * file, as after a JDK update, since the JVM would ignore the old archive without a word at every
 * start. Run on an archive of its own, so that the launchers of the other tests are not retrained.
 */
class LauncherArchiveIT {

    @TempDir
    Path work;

    @BeforeAll
    static void builtInstaller() throws Exception {
        Launchers.seeFreshJars();
        Result version = Launchers.installer("--version");
        assertThat(version.exit()).as(version.output()).isZero();
    }

    @Test
    void archive_isMadeOnce_andAgainWhenTheJavaOnThePathIsAnotherFile() throws Exception {
        Path jdk = Files.createDirectories(work.resolve("jdk"));
        installJava(jdk);
        Path archive = work.resolve("installer.jsa");
        Path jar = Files.createFile(work.resolve("built.jar"));
        Files.setLastModifiedTime(jar, FileTime.fromMillis(System.currentTimeMillis() - 60_000));

        Result first = cdsOptions(jdk, archive, jar);
        FileTime made = Files.getLastModifiedTime(archive);
        Result again = cdsOptions(jdk, archive, jar);

        assertThat(first.output()).contains("-XX:SharedArchiveFile=" + archive);
        assertThat(again.output()).contains("-XX:SharedArchiveFile=" + archive);
        assertThat(Files.getLastModifiedTime(archive)).as("no training when nothing changed").isEqualTo(made);

        installJava(jdk);
        Result updated = cdsOptions(jdk, archive, jar);

        assertThat(updated.output()).contains("-XX:SharedArchiveFile=" + archive);
        assertThat(Files.getLastModifiedTime(archive)).as("trained again for the new java").isGreaterThan(made);
    }

    /** Puts a java in {@code jdk} that runs this JVM's, as a new file each time, as a JDK update does. */
    private static void installJava(Path jdk) throws Exception {
        Path real = Path.of(System.getProperty("java.home"), "bin", "java");
        Path next = jdk.resolve("java.new");
        Files.writeString(next, "#!/bin/sh\nexec '" + real + "' \"$@\"\n", StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(next, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.move(next, jdk.resolve("java"), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Runs {@code cds_options} with {@code jdk} first on the PATH, for the installer trained on {@code --version}. */
    private static Result cdsOptions(Path jdk, Path archive, Path jar) throws Exception {
        String classpath = ROOT.resolve("sup-installer/target/sup-installer.jar") + ":"
                + ROOT.resolve("sup-installer/target/lib") + "/*";
        Result result = Launchers.run(Map.of("PATH", jdk + ":" + System.getenv("PATH")), Path.of("/bin/bash"), "-c",
                ". bin/lib/launcher.sh && cds_options \"$@\"", "cds_options", archive.toString(), jar.toString(),
                classpath, "org.suptools.installer.cli.InstallerMain", "--version");
        assertThat(result.exit()).as(result.output()).isZero();
        return result;
    }
}
