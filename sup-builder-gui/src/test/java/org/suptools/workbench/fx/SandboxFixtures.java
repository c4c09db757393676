package org.suptools.workbench.fx;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.TableView;
import org.suptools.model.archive.ArchiveOptions;
import org.suptools.model.archive.ProgressListener;
import org.suptools.model.packaging.PackageBuilder;
import org.suptools.model.spec.SpecFiles;
import org.suptools.workbench.viewmodel.ApplyRow;
import org.testfx.api.FxRobot;

/** What the Packages tab's tests against a real sandbox gateway share: its packages, its commands, the table. */
final class SandboxFixtures {

    /** The sandbox's architecture, given to {@code sup-sandbox} and named in every package's target. */
    static final String ARCHITECTURE = "x86_64";

    private SandboxFixtures() {
    }

    /** A package signed with {@code key} (the sandbox's trusted one) for the sandbox's identity, built in {@code dir}. */
    static Path signedPackage(Path dir, String name, String description, String actions, PrivateKey key)
            throws Exception {
        Path project = Files.createDirectories(dir.resolve(name));
        Files.createDirectories(project.resolve("payload"));
        Files.writeString(project.resolve("payload/app.conf"), "greeting=hello");
        Files.writeString(project.resolve("sup.yaml"), """
                name: %s
                version: 1.0.0
                description: %s
                targets:
                  - product: dw-gateway
                    os: linux
                    architecture: %s
                    runtimeVersion: ">=1.0.0 <2.0.0"
                actions:
                %s""".formatted(name, description, ARCHITECTURE, actions));
        Path out = dir.resolve(name + "-1.0.0.sup");
        new PackageBuilder(ArchiveOptions.fromEnvironment(), ProgressListener.NONE)
                .build(SpecFiles.loadValid(project, Instant.now()), out, List.of(key));
        return out;
    }

    /** Runs a command to its end (killed after the timeout), asserts it exited 0, and gives its output. */
    static String run(List<String> command, long timeoutSeconds) throws Exception {
        Path output = Files.createTempFile("sup-sandbox", ".out");
        try {
            Process process = new ProcessBuilder(new ArrayList<>(command)).redirectErrorStream(true)
                    .redirectOutput(output.toFile()).start();
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                throw new IllegalStateException(command + " did not finish in " + timeoutSeconds + " s");
            }
            String text = Files.readString(output, StandardCharsets.UTF_8);
            assertThat(process.exitValue()).as("%s: %s", command, text).isZero();
            return text;
        } finally {
            Files.deleteIfExists(output);
        }
    }

    /** The status column of the Packages tab's actions table, as shown. */
    @SuppressWarnings("unchecked")
    static List<String> tableStatuses(FxRobot robot) {
        TableView<ApplyRow> table = robot.lookup("#apply-actions").queryAs(TableView.class);
        return table.getItems().stream().map(ApplyRow::status).toList();
    }
}
