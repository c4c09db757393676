package org.suptools.installer.crash;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Stream;
import org.suptools.installer.api.InstallError;
import org.suptools.installer.api.report.Confirmation;
import org.suptools.installer.cli.InstallerMain;
import org.suptools.installer.journal.Journal;
import org.suptools.installer.journal.JournalRecord;
import org.suptools.installer.testing.InstallerProcess;
import org.suptools.installer.testing.TestArchives;
import org.suptools.installer.testing.TestGateway;
import org.suptools.installer.testing.TestPackages;
import org.suptools.installer.testing.TreeSnapshot;

/**
 * A gateway template, a package of eight actions of every file-changing kind (one copying a
 * generated payload of a chosen size, a firmware swap with a restart), and the runtime home as it
 * is before and after a complete install by the real installer process.
 */
final class CrashScenario {

    static final String SPEC = TestPackages.header("acme-crash", "3.0.0") + """
            actions:
              - id: data-dir
                type: dir.create
                path: data/new
              - id: big
                type: file.copy
                source: big.bin
                destination: data/new/big.bin
              - id: config
                type: file.copy
                source: app.conf
                destination: conf/app.conf
              - id: tune
                type: properties.set
                file: conf/dwcore.user.properties
                set:
                  dw.http.port: "9090"
                remove: [dw.debug]
              - id: bundle
                type: archive.extract
                source: bundle.tar.gz
                destination: cache
              - id: old-cache
                type: file.delete
                path: cache/tmp
                recursive: true
              - id: firmware
                type: firmware.update
                source: runtime-2.0.0.tar.gz
                runtimeVersion: 2.0.0
              - id: marker
                type: command.run
                command: [sh, -c, "echo made > made-by-command"]
                undo: [rm, -f, made-by-command]
            """;

    final Path dir;
    final Path template;
    final Path sup;
    final boolean quickStart;
    final TreeSnapshot before;
    final TreeSnapshot after;
    final List<JournalRecord> fullJournal;

    /** A ninth action that always fails, so that the install rolls back. */
    static final String FAILING_LAST = """
              - id: fail
                type: command.run
                command: [sh, -c, "echo the last check fails; exit 9"]
            """;

    final boolean failing;

    /** Builds everything and runs one complete install; {@code quickStart} for small payloads. */
    CrashScenario(Path dir, long bigBytes, boolean quickStart) throws Exception {
        this(dir, bigBytes, quickStart, false);
    }

    /**
     * @param failing the package ends with an action that fails: the complete install rolls back,
     *                so "after" is the same as "before"
     */
    CrashScenario(Path dir, long bigBytes, boolean quickStart, boolean failing) throws Exception {
        this.failing = failing;
        this.dir = dir;
        this.quickStart = quickStart;
        this.template = dir.resolve("template");
        TestGateway.create(template, null, TestGateway.loadingRuntime(template.resolve("runstate")), "");
        Files.createDirectories(template.resolve("runstate"));
        Files.writeString(template.resolve("runstate/running"), TestGateway.loadedSettings(template.resolve("dwcore")));
        Files.writeString(template.resolve("runstate/starts"), "");
        Path big = dir.resolve("big.bin");
        Random random = new Random(42);
        byte[] buffer = new byte[1 << 20];
        try (OutputStream out = Files.newOutputStream(big)) {
            for (long written = 0; written < bigBytes; written += buffer.length) {
                random.nextBytes(buffer);
                out.write(buffer, 0, (int) Math.min(buffer.length, bigBytes - written));
            }
        }
        Map<String, String> bundle = new LinkedHashMap<>();
        bundle.put("index", "new index");
        bundle.put("lib/", "");
        bundle.put("lib/a.jar", "a");
        Map<String, String> firmware = new LinkedHashMap<>();
        firmware.put("VERSION", "2.0.0\n");
        firmware.put("bin/", "");
        firmware.put("bin/run.sh", "#!/bin/sh\necho run 2\n");
        this.sup = TestPackages.signed(dir.resolve("acme-crash.sup"), failing ? SPEC + FAILING_LAST : SPEC, Map.of("big.bin", big, "app.conf", "new\n",
                "bundle.tar.gz", TestArchives.tarGz(bundle), "runtime-2.0.0.tar.gz", TestArchives.tarGz(firmware)));
        Files.delete(big);
        this.before = TreeSnapshot.of(template.resolve("dwcore"), "logs", "run");

        Path gateway = copyOfTemplate("full");
        InstallerProcess full = InstallerProcess.start(installArgs(gateway), Optional.empty(), quickStart);
        assertThat(full.waitFor(90)).as("a full install: %s", full.stderr()).isEqualTo(failing ? 1 : 0);
        this.after = TreeSnapshot.of(gateway.resolve("dwcore"), "logs", "run");
        this.fullJournal = Journal.read(gateway.resolve("dwcore.sup-state").resolve(Journal.LAST));
        if (failing) {
            assertThat(after).as(before.diff(after)).isEqualTo(before);
        } else {
            assertThat(after.nodes()).containsKeys("data/new/big.bin", "runtime.previous/VERSION", "made-by-command");
            assertThat(after.nodes()).doesNotContainKey("cache/tmp");
        }
    }

    static final String MAILBOX = "M-CRASH";

    List<String> installArgs(Path gateway) {
        return List.of("install", sup.toString(), "--config", gateway.resolve("gateway.yaml").toString(),
                "--mailbox-id", MAILBOX);
    }

    static List<String> recoverArgs(Path gateway) {
        return List.of("recover", "--config", gateway.resolve("gateway.yaml").toString());
    }

    Path copyOfTemplate(String name) throws IOException {
        Path target = dir.resolve(name);
        try (Stream<Path> paths = Files.walk(template)) {
            for (Path source : paths.toList()) {
                Path copy = target.resolve(template.relativize(source).toString());
                if (Files.isSymbolicLink(source)) {
                    Files.createSymbolicLink(copy, Files.readSymbolicLink(source));
                } else if (Files.isDirectory(source)) {
                    Files.createDirectories(copy);
                    Files.setPosixFilePermissions(copy, Files.getPosixFilePermissions(source));
                } else {
                    Files.copy(source, copy, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
        String config = Files.readString(target.resolve("gateway.yaml"), StandardCharsets.UTF_8)
                .replace(template.toString(), target.toString());
        Files.writeString(target.resolve("gateway.yaml"), config, StandardCharsets.UTF_8);
        return target;
    }

    /**
     * Runs the installer on a fresh copy of the gateway, kills it with SIGKILL where it pauses,
     * runs {@code recover} and checks the outcome.
     *
     * @return {@code before} or {@code after}: which state the runtime home was left in
     */
    String killAndRecover(String point) throws Exception {
        Path gateway = killed(point, "kill-" + point.replace(':', '-'));
        return recoverAndCheck(gateway, point, Optional.empty());
    }

    /** A fresh copy of the gateway named {@code name}, with the installer killed where it paused at {@code point}. */
    Path killed(String point, String name) throws Exception {
        Path gateway = copyOfTemplate(name);
        kill(installArgs(gateway), point);
        return gateway;
    }

    /** Runs {@code sup-installer ARGS} until it pauses at {@code point}, then kills it with SIGKILL. */
    void kill(List<String> args, String point) throws Exception {
        InstallerProcess installer = InstallerProcess.start(args, Optional.of(point), quickStart);
        assertThat(installer.awaitPause(90)).as("paused at %s; stderr: %s", point, installer.stderr()).isTrue();
        installer.kill();
    }

    /**
     * Runs {@code recover} in this process and checks that everything agrees: the runtime home is
     * exactly as before or as after the install; the runtime runs and runs what the files say,
     * started at most once by the recovery; confirmation.json, installed.json, the history and the
     * TR50 reply say the same as the journal and the tree.
     *
     * @param error the error confirmation.json must name when the install was rolled back; by
     *              default action-failed for the failing package, else interrupted
     * @return {@code before} or {@code after}
     */
    String recoverAndCheck(Path gateway, String point, Optional<InstallError> error) throws Exception {
        Path runstate = gateway.resolve("runstate");
        long startsBefore = Files.readAllLines(runstate.resolve("starts")).size();
        java.io.StringWriter output = new java.io.StringWriter();
        int exit = InstallerMain.commandLine().setOut(new java.io.PrintWriter(output)).setErr(new java.io.PrintWriter(output))
                .execute(recoverArgs(gateway).toArray(String[]::new));

        assertThat(exit).as("recover after a kill at %s: %s", point, output).isZero();
        TreeSnapshot now = TreeSnapshot.of(gateway.resolve("dwcore"), "logs", "run");
        Path state = gateway.resolve("dwcore.sup-state");
        assertThat(runstate.resolve("running")).as("the runtime runs after a kill at %s", point).exists();
        assertThat(Files.readString(runstate.resolve("running"))).as("what the runtime loaded, after a kill at %s",
                point).isEqualTo(TestGateway.loadedSettings(gateway.resolve("dwcore")));
        assertThat(Files.readAllLines(runstate.resolve("starts")).size() - startsBefore)
                .as("starts by the recovery after a kill at %s", point).isLessThanOrEqualTo(1);
        assertThat(state.resolve(Journal.CURRENT)).as("journal closed after a kill at %s", point).doesNotExist();
        String outcome;
        if (now.equals(before)) {
            outcome = "before";
        } else {
            assertThat(now).as("kill at %s left a mixed state:%nvs before:%n%s%nvs after:%n%s", point, before.diff(now),
                    after.diff(now)).isEqualTo(after);
            outcome = "after";
        }
        new org.suptools.installer.testing.ReportsAgree(gateway, point, outcome.equals("after"),
                Optional.of(error.orElse(failing ? InstallError.ACTION_FAILED : InstallError.INTERRUPTED))).check();
        return outcome;
    }

    static Optional<Confirmation> confirmation(Path gateway) throws IOException {
        Path file = gateway.resolve("dwcore/logs/confirmation.json");
        return Files.exists(file) ? Optional.of(Confirmation.read(file)) : Optional.empty();
    }
}
