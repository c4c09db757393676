package org.suptools.installer.exec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.suptools.installer.testing.FakeRuntime;
import org.suptools.installer.testing.TestArchives;
import org.suptools.installer.testing.TreeSnapshot;
import org.suptools.model.action.ActionHeader;
import org.suptools.model.action.ArchiveExtract;
import org.suptools.model.action.ArchiveFormat;
import org.suptools.model.action.CertificateInstall;
import org.suptools.model.action.CommandRun;
import org.suptools.model.action.DirCreate;
import org.suptools.model.action.FileCopy;
import org.suptools.model.action.FileDelete;
import org.suptools.model.action.FirmwareUpdate;
import org.suptools.model.action.LicenseInstall;
import org.suptools.model.action.PackageInstall;
import org.suptools.model.action.PackageManager;
import org.suptools.model.action.PropertiesSet;
import org.suptools.model.action.RuntimeRestart;
import org.suptools.model.action.RuntimeStart;
import org.suptools.model.action.RuntimeStop;
import org.suptools.model.action.ScriptRun;
import org.suptools.model.action.SystemReboot;
import org.suptools.model.action.Verify;
import org.suptools.model.action.VerifyCheck;
import org.suptools.model.version.SemVer;

/** Every action type applied and undone on real files (and real commands); undo restores the exact tree. */
class ExecutorsTest {

    @TempDir
    Path dir;

    static ActionHeader id(String id) {
        return ActionHeader.of(id);
    }

    ActionHarness harness(FakeRuntime runtime) throws Exception {
        ActionHarness h = new ActionHarness(dir, runtime);
        Files.createDirectories(h.home.resolve("conf"));
        Files.writeString(h.home.resolve("conf/app.conf"), "old\n");
        Files.setPosixFilePermissions(h.home.resolve("conf/app.conf"), PosixFilePermissions.fromString("rw-r-----"));
        Files.writeString(h.home.resolve("conf/dw.properties"), "# comment\na=1\nb : 2\n");
        Files.createDirectories(h.home.resolve("cache/deep"));
        Files.writeString(h.home.resolve("cache/deep/x"), "x");
        Files.createSymbolicLink(h.home.resolve("cache/link"), Path.of("deep/x"));
        return h;
    }

    @Test
    void fileCopy_overwritesKeepingTheModeAndUndoRestoresTheOriginal() throws Exception {
        try (ActionHarness h = harness(new FakeRuntime(false))) {
            h.payloads.put("app.conf", "new\n".getBytes(StandardCharsets.UTF_8));
            TreeSnapshot before = h.snapshot();
            FileCopy copy = new FileCopy(id("copy"), "app.conf", "conf/app.conf", Optional.empty());

            int index = h.apply(copy, Map.of("destination", "conf/app.conf"));

            assertThat(Files.readString(h.home.resolve("conf/app.conf"))).isEqualTo("new\n");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(h.home.resolve("conf/app.conf"))))
                    .isEqualTo("rw-r-----");
            h.undo(copy, index);
            assertThat(h.snapshot()).isEqualTo(before);
            h.undo(copy, index);
            assertThat(h.snapshot()).as("undo twice").isEqualTo(before);
        }
    }

    @Test
    void fileCopy_newFileInNewDirectories_undoRemovesThemAll() throws Exception {
        try (ActionHarness h = harness(new FakeRuntime(false))) {
            h.payloads.put("tool.sh", "#!/bin/sh\n".getBytes(StandardCharsets.UTF_8));
            TreeSnapshot before = h.snapshot();
            FileCopy copy = new FileCopy(id("copy"), "tool.sh", "bin/tools/tool.sh", Optional.of("0750"));

            int index = h.apply(copy, Map.of("destination", "bin/tools/tool.sh"));

            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(h.home.resolve("bin/tools/tool.sh"))))
                    .isEqualTo("rwxr-x---");
            h.undo(copy, index);
            assertThat(h.snapshot()).isEqualTo(before);
        }
    }

    @Test
    void fileCopy_payloadFailingItsHashCheck_failsAndUndoLeavesNothingBehind() throws Exception {
        try (ActionHarness h = harness(new FakeRuntime(false))) {
            h.payloads.put("app.conf", "tampered\n".getBytes(StandardCharsets.UTF_8));
            h.corrupt.add("app.conf");
            TreeSnapshot before = h.snapshot();
            FileCopy copy = new FileCopy(id("copy"), "app.conf", "conf/app.conf", Optional.empty());

            int index = h.next();
            assertThatThrownBy(() -> h.apply(copy, Map.of("destination", "conf/app.conf")))
                    .hasMessageContaining("SHA-256 does not match");
            assertThat(h.snapshot()).as("the original is untouched even before the undo")
                    .extracting(s -> s.nodes().get("conf/app.conf")).isEqualTo(before.nodes().get("conf/app.conf"));
            h.undo(copy, index);
            assertThat(h.snapshot()).isEqualTo(before);
        }
    }

    @Test
    void fileDelete_movesTheTreeAsideAndUndoPutsItBack() throws Exception {
        try (ActionHarness h = harness(new FakeRuntime(false))) {
            TreeSnapshot before = h.snapshot();
            FileDelete delete = new FileDelete(id("rm"), "cache", true, false);

            int index = h.apply(delete, Map.of("path", "cache"));

            assertThat(h.home.resolve("cache")).doesNotExist();
            h.undo(delete, index);
            assertThat(h.snapshot()).isEqualTo(before);
        }
    }

    @Test
    void fileDelete_refusesANonEmptyDirectoryUnlessRecursive_andAcceptsMissingWhenAllowed() throws Exception {
        try (ActionHarness h = harness(new FakeRuntime(false))) {
            assertThatThrownBy(() -> h.apply(new FileDelete(id("rm"), "cache", false, false), Map.of("path", "cache")))
                    .hasMessageContaining("is a directory that is not empty");
            h.apply(new FileDelete(id("rm2"), "nothing", false, true), Map.of("path", "nothing"));
        }
    }

    @Test
    void dirCreate_newAndExisting_undoRemovesWhatItMadeAndRestoresTheMode() throws Exception {
        try (ActionHarness h = harness(new FakeRuntime(false))) {
            TreeSnapshot before = h.snapshot();
            DirCreate nested = new DirCreate(id("mk"), "data/app/logs", Optional.of("0700"));
            DirCreate existing = new DirCreate(id("mk2"), "conf", Optional.of("0700"));

            int first = h.apply(nested, Map.of("path", "data/app/logs"));
            int second = h.apply(existing, Map.of("path", "conf"));

            assertThat(h.home.resolve("data/app/logs")).isDirectory();
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(h.home.resolve("conf"))))
                    .isEqualTo("rwx------");
            h.undo(existing, second);
            h.undo(nested, first);
            assertThat(h.snapshot()).isEqualTo(before);
        }
    }

    @Test
    void archiveExtract_tarGzAndZip_addAndOverwrite_undoRestoresExactly() throws Exception {
        try (ActionHarness h = harness(new FakeRuntime(false))) {
            Files.createDirectories(h.home.resolve("apps/bundle/lib"));
            Files.writeString(h.home.resolve("apps/bundle/lib/app.jar"), "old jar");
            Files.writeString(h.home.resolve("apps/bundle/keep.txt"), "kept");
            Map<String, String> entries = new LinkedHashMap<>();
            entries.put("lib/", "");
            entries.put("lib/app.jar", "new jar");
            entries.put("lib/extra.jar", "extra");
            entries.put("bin/start.sh", "#!/bin/sh\n");
            entries.put("current", "-> lib/app.jar");
            h.payloads.put("bundle.tar.gz", TestArchives.tarGz(entries));
            h.payloads.put("bundle.zip", TestArchives.zip(entries));
            TreeSnapshot before = h.snapshot();
            ArchiveExtract tar = new ArchiveExtract(id("tar"), "bundle.tar.gz", "apps/bundle", Optional.empty());
            ArchiveExtract zip = new ArchiveExtract(id("zip"), "bundle.zip", "apps/zipped", Optional.of(ArchiveFormat.ZIP));

            int first = h.apply(tar, Map.of("destination", "apps/bundle"));
            int second = h.apply(zip, Map.of("destination", "apps/zipped"));

            for (String root : List.of("apps/bundle", "apps/zipped")) {
                Path base = h.home.resolve(root);
                assertThat(Files.readString(base.resolve("lib/app.jar"))).isEqualTo("new jar");
                assertThat(Files.readString(base.resolve("lib/extra.jar"))).isEqualTo("extra");
                assertThat(Files.isExecutable(base.resolve("bin/start.sh"))).isTrue();
                assertThat(Files.readSymbolicLink(base.resolve("current"))).isEqualTo(Path.of("lib/app.jar"));
            }
            assertThat(Files.readString(h.home.resolve("apps/bundle/keep.txt"))).isEqualTo("kept");
            assertThat(h.home.resolve("apps").toFile().list()).containsExactlyInAnyOrder("bundle", "zipped");
            h.undo(zip, second);
            h.undo(tar, first);
            assertThat(h.snapshot()).isEqualTo(before);
        }
    }

    @Test
    void archiveExtract_entryClimbingOut_isRefusedAndLeavesNothing() throws Exception {
        try (ActionHarness h = harness(new FakeRuntime(false))) {
            h.payloads.put("evil.tar.gz", TestArchives.tarGz(Map.of("../../evil.txt", "boo")));
            TreeSnapshot before = h.snapshot();
            ArchiveExtract extract = new ArchiveExtract(id("x"), "evil.tar.gz", "apps/x", Optional.empty());

            int index = h.applyFailing(extract, Map.of("destination", "apps/x"));

            h.undo(extract, index);
            assertThat(h.snapshot()).isEqualTo(before);
            assertThat(dir.resolve("evil.txt")).doesNotExist();
        }
    }

    @Test
    void propertiesSet_existingAndCreated_undoRestoresBoth() throws Exception {
        try (ActionHarness h = harness(new FakeRuntime(false))) {
            TreeSnapshot before = h.snapshot();
            PropertiesSet edit = new PropertiesSet(id("p"), "conf/dw.properties", Map.of("b", "3", "c", "4"),
                    List.of("a"), false);
            PropertiesSet create = new PropertiesSet(id("q"), "conf/site/user.site.properties", Map.of("x", "y"),
                    List.of(), true);

            int first = h.apply(edit, Map.of("file", "conf/dw.properties"));
            int second = h.apply(create, Map.of("file", "conf/site/user.site.properties"));

            assertThat(Files.readString(h.home.resolve("conf/dw.properties"))).isEqualTo("# comment\nb : 3\nc=4\n");
            assertThat(Files.readString(h.home.resolve("conf/site/user.site.properties"))).isEqualTo("x=y\n");
            h.undo(create, second);
            h.undo(edit, first);
            assertThat(h.snapshot()).isEqualTo(before);
        }
    }

    @Test
    void commandRun_capturesOutputAndUndoRunsTheDeclaredUndoCommand() throws Exception {
        try (ActionHarness h = harness(new FakeRuntime(false))) {
            CommandRun run = new CommandRun(id("run"), List.of("sh", "-c", "echo hello from $NAME > made.txt; echo done"),
                    Optional.empty(), Map.of("NAME", "the test"), List.of(0), List.of("rm", "made.txt"));

            int index = h.apply(run, Map.of());

            assertThat(Files.readString(h.home.resolve("made.txt"))).isEqualTo("hello from the test\n");
            h.undo(run, index);
            assertThat(h.home.resolve("made.txt")).doesNotExist();
        }
    }

    @Test
    void commandRun_exitCodeNotAccepted_failsWithTheCodeAndTail() throws Exception {
        try (ActionHarness h = harness(new FakeRuntime(false))) {
            CommandRun run = new CommandRun(id("run"), List.of("sh", "-c", "echo broken >&2; exit 3"), Optional.empty(),
                    Map.of(), List.of(0, 1), List.of());

            assertThatThrownBy(() -> h.apply(run, Map.of()))
                    .isInstanceOfSatisfying(ActionFailedException.class, e -> {
                        assertThat(e.exitCode()).contains(3);
                        assertThat(e.outputTail()).hasValueSatisfying(t -> assertThat(t).contains("broken"));
                    })
                    .hasMessageContaining("exited with 3 (accepted: [0, 1])");
        }
    }

    @Test
    void scriptRun_runsThePayloadScriptAndUndoRunsTheUndoScript() throws Exception {
        try (ActionHarness h = harness(new FakeRuntime(false))) {
            h.payloads.put("setup.sh", "echo \"$1\" > setup.out\n".getBytes(StandardCharsets.UTF_8));
            h.payloads.put("teardown.sh", "rm setup.out\n".getBytes(StandardCharsets.UTF_8));
            ScriptRun script = new ScriptRun(id("s"), "setup.sh", Optional.empty(), List.of("--fast"), Optional.empty(),
                    Map.of(), List.of(0), Optional.of("teardown.sh"));

            int index = h.apply(script, Map.of());

            assertThat(Files.readString(h.home.resolve("setup.out"))).isEqualTo("--fast\n");
            h.undo(script, index);
            assertThat(h.home.resolve("setup.out")).doesNotExist();
        }
    }

    @Test
    void packageInstall_runsTheManagerOnThePayloadAndUndoRunsTheDeclaredUndo() throws Exception {
        Map<PackageManager, List<String>> managers = Map.of(PackageManager.DPKG,
                List.of("sh", "-c", "cp \"$0\" installed-package"), PackageManager.RPM, List.of("false"),
                PackageManager.OPKG, List.of("false"));
        try (ActionHarness h = new ActionHarness(dir, new FakeRuntime(false), managers)) {
            h.payloads.put("tool.deb", "deb bytes".getBytes(StandardCharsets.UTF_8));
            PackageInstall install = new PackageInstall(id("deb"), "tool.deb", PackageManager.DPKG,
                    List.of("rm", "installed-package"));

            int index = h.apply(install, Map.of());

            assertThat(Files.readString(h.home.resolve("installed-package"))).isEqualTo("deb bytes");
            h.undo(install, index);
            assertThat(h.home.resolve("installed-package")).doesNotExist();
        }
    }

    @Test
    void certificateInstall_placesAValidCertificateAndRefusesAnythingElse() throws Exception {
        try (ActionHarness h = harness(new FakeRuntime(false))) {
            byte[] pem = ExecutorsTest.class.getResourceAsStream("/certs/gateway.pem").readAllBytes();
            h.payloads.put("gateway.pem", pem);
            h.payloads.put("bad.pem", "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n"
                    .getBytes(StandardCharsets.US_ASCII));
            TreeSnapshot before = h.snapshot();
            CertificateInstall good = new CertificateInstall(id("c"), "gateway.pem", "certs/gateway.pem", Optional.empty());
            CertificateInstall bad = new CertificateInstall(id("d"), "bad.pem", "certs/other.pem", Optional.empty());

            int first = h.apply(good, Map.of("destination", "certs/gateway.pem"));
            assertThat(h.home.resolve("certs/gateway.pem")).hasBinaryContent(pem);
            int second = h.applyFailing(bad, Map.of("destination", "certs/other.pem"));
            assertThat(h.home.resolve("certs/other.pem")).doesNotExist();

            h.undo(bad, second);
            h.undo(good, first);
            assertThat(h.snapshot()).isEqualTo(before);
        }
    }

    @Test
    void licenseInstall_placesTheFileAndUndoRestoresThePreviousOne() throws Exception {
        try (ActionHarness h = harness(new FakeRuntime(false))) {
            Files.createDirectories(h.home.resolve("license"));
            Files.writeString(h.home.resolve("license/app.lic"), "old license");
            h.payloads.put("app.lic", "new license".getBytes(StandardCharsets.UTF_8));
            TreeSnapshot before = h.snapshot();
            LicenseInstall license = new LicenseInstall(id("l"), "app.lic", "license/app.lic", Optional.of("0600"));

            int index = h.apply(license, Map.of("destination", "license/app.lic"));

            assertThat(Files.readString(h.home.resolve("license/app.lic"))).isEqualTo("new license");
            h.undo(license, index);
            assertThat(h.snapshot()).isEqualTo(before);
        }
    }

    @Test
    void verify_fileExistsFileHashAndCommand_passAndFail() throws Exception {
        try (ActionHarness h = harness(new FakeRuntime(false))) {
            String hash = org.suptools.model.archive.Sha256.of("old\n".getBytes(StandardCharsets.UTF_8));
            h.apply(new Verify(id("v1"), VerifyCheck.FILE_EXISTS, Optional.of("conf/app.conf"), Optional.empty(), List.of()),
                    Map.of("path", "conf/app.conf"));
            h.apply(new Verify(id("v2"), VerifyCheck.FILE_HASH, Optional.of("conf/app.conf"), Optional.of(hash), List.of()),
                    Map.of("path", "conf/app.conf"));
            h.apply(new Verify(id("v3"), VerifyCheck.COMMAND, Optional.empty(), Optional.empty(), List.of("true")), Map.of());

            assertThatThrownBy(() -> h.apply(new Verify(id("v4"), VerifyCheck.FILE_EXISTS, Optional.of("nope"),
                    Optional.empty(), List.of()), Map.of("path", "nope"))).hasMessageContaining("does not exist");
            assertThatThrownBy(() -> h.apply(new Verify(id("v5"), VerifyCheck.FILE_HASH, Optional.of("conf/app.conf"),
                    Optional.of("0".repeat(64)), List.of()), Map.of("path", "conf/app.conf")))
                    .hasMessageContaining("has SHA-256 " + hash + ", expected");
            assertThatThrownBy(() -> h.apply(new Verify(id("v6"), VerifyCheck.COMMAND, Optional.empty(), Optional.empty(),
                    List.of("false")), Map.of())).hasMessageContaining("exited with 1");
        }
    }

    /** Undo stops a runtime that was stopped before; it never starts one (the rollback does, once, at its end). */
    @Test
    void runtimeActions_undoStopsWhatWasStoppedAndNeverStarts() throws Exception {
        FakeRuntime runtime = new FakeRuntime(true);
        try (ActionHarness h = harness(runtime)) {
            RuntimeStop stop = new RuntimeStop(id("stop"));
            RuntimeStart start = new RuntimeStart(id("start"));
            RuntimeRestart restart = new RuntimeRestart(id("restart"));

            int stopped = h.apply(stop, Map.of());
            assertThat(runtime.isRunning()).isFalse();
            h.undo(stop, stopped);
            assertThat(runtime.isRunning()).as("left for the rollback to start").isFalse();

            int started = h.apply(start, Map.of());
            assertThat(runtime.isRunning()).isTrue();
            h.undo(start, started);
            assertThat(runtime.isRunning()).isFalse();

            int restarted = h.apply(restart, Map.of());
            assertThat(runtime.isRunning()).isTrue();
            h.undo(restart, restarted);
            assertThat(runtime.isRunning()).as("it was stopped before the restart").isFalse();

            runtime.start();
            int restartedRunning = h.apply(restart, Map.of());
            h.undo(restart, restartedRunning);
            assertThat(runtime.calls()).as("no undo started it").endsWith("start", "stop", "start");
        }
    }

    @Test
    void firmwareUpdate_swapsTheTreeKeepsThePreviousAndUndoSwapsBack() throws Exception {
        FakeRuntime runtime = new FakeRuntime(true);
        try (ActionHarness h = harness(runtime)) {
            Files.createDirectories(h.home.resolve("runtime/bin"));
            Files.writeString(h.home.resolve("runtime/VERSION"), "1.0.0\n");
            Files.writeString(h.home.resolve("runtime/bin/old.sh"), "old");
            Map<String, String> tree = new LinkedHashMap<>();
            tree.put("VERSION", "2.0.0\n");
            tree.put("bin/", "");
            tree.put("bin/run.sh", "#!/bin/sh\n");
            h.payloads.put("runtime-2.0.0.tar.gz", TestArchives.tarGz(tree));
            TreeSnapshot before = h.snapshot();
            FirmwareUpdate update = new FirmwareUpdate(id("fw"), "runtime-2.0.0.tar.gz", Optional.empty(),
                    Optional.empty(), Optional.of(SemVer.parse("2.0.0")));

            int index = h.apply(update, Map.of("directory", "runtime"));

            assertThat(Files.readString(h.home.resolve("runtime/VERSION"))).isEqualTo("2.0.0\n");
            assertThat(Files.readString(h.home.resolve("runtime.previous/VERSION"))).isEqualTo("1.0.0\n");
            assertThat(runtime.calls()).containsExactly("stop", "start");
            assertThat(runtime.isRunning()).isTrue();
            h.undo(update, index);
            assertThat(h.snapshot()).isEqualTo(before);
            assertThat(runtime.calls()).as("stopped before the swap back, and not started: the rollback does that")
                    .containsExactly("stop", "start", "stop");
            assertThat(runtime.isRunning()).isFalse();
        }
    }

    @Test
    void firmwareUpdate_newRuntimeUnhealthy_failsAndUndoRestoresTheOldTreeStopped() throws Exception {
        FakeRuntime runtime = new FakeRuntime(true);
        try (ActionHarness h = harness(runtime)) {
            Files.createDirectories(h.home.resolve("runtime"));
            Files.writeString(h.home.resolve("runtime/VERSION"), "1.0.0\n");
            runtime.unhealthyWhenExists(h.home.resolve("runtime/HEALTH_FAIL"));
            h.payloads.put("broken.tar.gz", TestArchives.tarGz(Map.of("VERSION", "2.0.0\n", "HEALTH_FAIL", "yes")));
            TreeSnapshot before = h.snapshot();
            FirmwareUpdate update = new FirmwareUpdate(id("fw"), "broken.tar.gz", Optional.empty(), Optional.empty(),
                    Optional.empty());

            int index = h.applyFailing(update, Map.of("directory", "runtime"));
            assertThat(runtime.isRunning()).isFalse();
            h.undo(update, index);

            assertThat(h.snapshot()).isEqualTo(before);
            assertThat(runtime.isRunning()).as("the rollback starts it, once every file is back").isFalse();
        }
    }

    @Test
    void systemReboot_onlyAsksForARebootAfterThePackage() throws Exception {
        try (ActionHarness h = harness(new FakeRuntime(false))) {
            h.apply(new SystemReboot(id("reboot")), Map.of());
            assertThat(h.lastContext.rebootRequested()).isTrue();
        }
    }
}
