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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.suptools.installer.testing.FakeRuntime;
import org.suptools.installer.testing.TestArchives;
import org.suptools.installer.testing.TreeSnapshot;
import org.suptools.model.action.Action;
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
import org.suptools.model.action.PropertiesSet;

/**
 * Every executor, and every undo, against links already in the runtime home when it runs (as a
 * package's own archive or command would leave them, after the plan): the chain of the issue,
 * {@code apps/d1/d2/d3/d4/b -> ../../../..} and {@code apps/d1/d2/d3/d4/c -> b/../../../../..},
 * makes {@code c} lead to a directory outside the home that holds a canary. Nothing may change
 * there: not a byte, not a mode, not an entry; the action fails naming its path and the link, and
 * its undo leaves the home as it was.
 */
class ConfinedExecutorsTest {

    static final String THROUGH = "apps/d1/d2/d3/d4/c/canary/";
    static final String CHAIN = "leads outside the allowed roots through the link apps/d1/d2/d3/d4/c -> b/../../../../..";

    @TempDir
    Path dir;

    Path canary;
    ActionHarness h;

    @BeforeEach
    void gatewayWithAHostileChainOfLinks() throws Exception {
        dir = dir.toRealPath();
        // Five levels up from apps is dir: the home is dir/l1/l2/l3/home.
        h = new ActionHarness(dir.resolve("l1/l2/l3"), new FakeRuntime(false));
        Path d4 = Files.createDirectories(h.home.resolve("apps/d1/d2/d3/d4"));
        Files.createSymbolicLink(d4.resolve("b"), Path.of("../../../.."));
        Files.createSymbolicLink(d4.resolve("c"), Path.of("b/../../../../.."));
        canary = Files.createDirectories(dir.resolve("canary"));
        Files.writeString(canary.resolve("victim.txt"), "canary\n");
        Files.setPosixFilePermissions(canary.resolve("victim.txt"), PosixFilePermissions.fromString("rw-r-----"));
        Files.writeString(canary.resolve("victim.properties"), "a=1\n");
        Files.setPosixFilePermissions(Files.createDirectories(canary.resolve("sub")),
                PosixFilePermissions.fromString("rwxr-x---"));
        assertThat(d4.resolve("c/canary/victim.txt")).as("the chain does lead to the canary").hasContent("canary");
    }

    static ActionHeader id(String id) {
        return ActionHeader.of(id);
    }

    /** Applies an action that must be refused, undoes it, and checks that neither the canary nor the home changed. */
    void assertConfined(Action action, Map<String, String> fields, String message) throws Exception {
        TreeSnapshot canaryBefore = TreeSnapshot.of(canary);
        TreeSnapshot homeBefore = h.snapshot();
        int index = h.next();

        assertThatThrownBy(() -> h.apply(action, fields)).isInstanceOf(ActionFailedException.class)
                .hasMessageContaining(message);
        assertThat(TreeSnapshot.of(canary)).as("the canary after " + action.id()).isEqualTo(canaryBefore);
        h.undo(action, index);
        assertThat(TreeSnapshot.of(canary)).as("the canary after undoing " + action.id()).isEqualTo(canaryBefore);
        assertThat(h.snapshot()).as("the home after undoing " + action.id()).isEqualTo(homeBefore);
    }

    @Test
    void fileCopy_throughTheChain_isRefusedNamingTheDestinationAndTheLink() throws Exception {
        h.payloads.put("x", "evil\n".getBytes(StandardCharsets.UTF_8));

        assertConfined(new FileCopy(id("new"), "x", THROUGH + "x", Optional.of("0777")),
                Map.of("destination", THROUGH + "x"), THROUGH + "x " + CHAIN);
        assertConfined(new FileCopy(id("over"), "x", THROUGH + "victim.txt", Optional.empty()),
                Map.of("destination", THROUGH + "victim.txt"), CHAIN);
        assertConfined(new FileCopy(id("deeper"), "x", THROUGH + "new/dir/x", Optional.empty()),
                Map.of("destination", THROUGH + "new/dir/x"), CHAIN);
    }

    @Test
    void dirCreate_throughTheChain_neitherCreatesNorChangesTheMode() throws Exception {
        assertConfined(new DirCreate(id("chmod"), THROUGH + "sub", Optional.of("0777")),
                Map.of("path", THROUGH + "sub"), CHAIN);
        assertConfined(new DirCreate(id("mkdir"), THROUGH + "made", Optional.of("0777")),
                Map.of("path", THROUGH + "made"), CHAIN);
    }

    @Test
    void fileDelete_throughTheChain_removesNothing() throws Exception {
        assertConfined(new FileDelete(id("rm"), THROUGH + "victim.txt", false, false),
                Map.of("path", THROUGH + "victim.txt"), CHAIN);
        assertConfined(new FileDelete(id("rm-tree"), "apps/d1/d2/d3/d4/c/canary", true, false),
                Map.of("path", "apps/d1/d2/d3/d4/c/canary"), CHAIN);
    }

    @Test
    void propertiesSet_throughTheChain_neitherReadsNorWrites() throws Exception {
        assertConfined(new PropertiesSet(id("edit"), THROUGH + "victim.properties", Map.of("a", "2"), List.of(), false),
                Map.of("file", THROUGH + "victim.properties"), CHAIN);
        assertConfined(new PropertiesSet(id("create"), THROUGH + "new.properties", Map.of("a", "2"), List.of(), true),
                Map.of("file", THROUGH + "new.properties"), CHAIN);
    }

    @Test
    void certificateAndLicenseInstall_throughTheChain_areRefused() throws Exception {
        h.payloads.put("gateway.pem", ConfinedExecutorsTest.class.getResourceAsStream("/certs/gateway.pem").readAllBytes());
        h.payloads.put("app.lic", "license".getBytes(StandardCharsets.UTF_8));

        assertConfined(new CertificateInstall(id("cert"), "gateway.pem", THROUGH + "victim.txt", Optional.empty()),
                Map.of("destination", THROUGH + "victim.txt"), CHAIN);
        assertConfined(new LicenseInstall(id("lic"), "app.lic", THROUGH + "app.lic", Optional.of("0600")),
                Map.of("destination", THROUGH + "app.lic"), CHAIN);
    }

    @Test
    void archiveExtract_intoADestinationThroughTheChain_isRefused() throws Exception {
        h.payloads.put("a.tar.gz", TestArchives.tarGz(Map.of("victim.txt", "evil", "sub/", "", "sub/x", "evil")));

        assertConfined(new ArchiveExtract(id("into"), "a.tar.gz", "apps/d1/d2/d3/d4/c/canary", Optional.empty()),
                Map.of("destination", "apps/d1/d2/d3/d4/c/canary"), CHAIN);
    }

    @Test
    void archiveExtract_tarAndZipHoldingTheChain_areRefusedAndLeaveNoLink() throws Exception {
        Map<String, String> chain = new LinkedHashMap<>();
        chain.put("e1/e2/e3/e4/", "");
        chain.put("e1/e2/e3/e4/b", "-> ../../../..");
        chain.put("e1/e2/e3/e4/c", "-> b/../../../../..");
        Map<String, String> straight = new LinkedHashMap<>();
        straight.put("e1/e2/e3/e4/", "");
        straight.put("e1/e2/e3/e4/up", "-> ../../../../../..");
        Map<String, String> throughOld = Map.of("via", "-> d1/d2/d3/d4/c/canary");
        h.payloads.put("chain.tar.gz", TestArchives.tarGz(chain));
        h.payloads.put("chain.zip", TestArchives.zip(chain));
        h.payloads.put("straight.zip", TestArchives.zip(straight));
        h.payloads.put("through-old.tar.gz", TestArchives.tarGz(throughOld));

        assertConfined(new ArchiveExtract(id("tar"), "chain.tar.gz", "apps", Optional.empty()),
                Map.of("destination", "apps"), "archive entry 'e1/e2/e3/e4/c' is a link to 'b/../../../../..' that "
                        + "climbs back with '..' after a name");
        assertConfined(new ArchiveExtract(id("zip"), "chain.zip", "apps", Optional.of(ArchiveFormat.ZIP)),
                Map.of("destination", "apps"), "archive entry 'e1/e2/e3/e4/c'");
        assertConfined(new ArchiveExtract(id("straight"), "straight.zip", "apps", Optional.of(ArchiveFormat.ZIP)),
                Map.of("destination", "apps"), "archive entry 'e1/e2/e3/e4/up' is a link to '../../../../../..' that "
                        + "leads outside the tree");
        // Fine in the archive, but where it lands it would go through the link already there.
        assertConfined(new ArchiveExtract(id("old"), "through-old.tar.gz", "apps", Optional.empty()),
                Map.of("destination", "apps"), "apps/via is a link to 'd1/d2/d3/d4/c/canary' that leads outside apps "
                        + "through the link d1/d2/d3/d4/c -> b/../../../../..");
        assertThat(h.home.resolve("apps/e1")).doesNotExist();
        assertThat(h.home.resolve("apps/via")).doesNotExist();
    }

    @Test
    void firmwareUpdate_throughTheChainOrHoldingIt_isRefused() throws Exception {
        Map<String, String> tree = new LinkedHashMap<>();
        tree.put("VERSION", "2.0.0\n");
        tree.put("f1/f2/f3/f4/", "");
        tree.put("f1/f2/f3/f4/b", "-> ../../../..");
        tree.put("f1/f2/f3/f4/c", "-> b/../../../../..");
        h.payloads.put("fw.tar.gz", TestArchives.tarGz(Map.of("VERSION", "2.0.0\n")));
        h.payloads.put("hostile.tar.gz", TestArchives.tarGz(tree));
        Files.createDirectories(h.home.resolve("runtime"));

        assertConfined(new FirmwareUpdate(id("swap"), "fw.tar.gz", Optional.empty(), Optional.empty(), Optional.empty()),
                Map.of("directory", "apps/d1/d2/d3/d4/c/canary/sub"), CHAIN);
        assertConfined(new FirmwareUpdate(id("tree"), "hostile.tar.gz", Optional.empty(), Optional.empty(),
                Optional.empty()), Map.of("directory", "runtime"), "archive entry 'f1/f2/f3/f4/c'");
    }

    @Test
    void commandRun_inAWorkingDirectoryThroughTheChain_isNotStarted() throws Exception {
        assertConfined(new CommandRun(id("cmd"), List.of("/bin/sh", "-c", "echo evil > written"), Optional.of(THROUGH),
                Map.of(), List.of(0), List.of()), Map.of("workingDir", THROUGH), CHAIN);
        assertThat(canary.resolve("written")).doesNotExist();
    }

    @Test
    void aLinkThatLaterLeadsElsewhere_isCaughtWhenTheWriteHappens() throws Exception {
        Files.createDirectories(h.home.resolve("apps/m/sub"));
        Files.createSymbolicLink(h.home.resolve("apps/l"), Path.of("m/sub"));
        h.payloads.put("x", "x".getBytes(StandardCharsets.UTF_8));
        h.apply(new FileCopy(id("fine"), "x", "apps/l/x", Optional.empty()), Map.of("destination", "apps/l/x"));
        assertThat(h.home.resolve("apps/m/sub/x")).hasContent("x");
        // As a command could: m now leads to the canary; l still says m/sub.
        Files.move(h.home.resolve("apps/m"), h.home.resolve("apps/m-was"));
        Files.createSymbolicLink(h.home.resolve("apps/m"), Path.of("../../../../../canary"));

        assertConfined(new FileCopy(id("later"), "x", "apps/l/victim.txt", Optional.empty()),
                Map.of("destination", "apps/l/victim.txt"), "apps/l/victim.txt leads outside the allowed roots through "
                        + "the link apps/m -> ../../../../../canary");
    }

    @Test
    void undo_whoseRestoreNowLeadsOutside_failsAndChangesNothingThere() throws Exception {
        Files.createDirectories(h.home.resolve("apps/data"));
        Files.writeString(h.home.resolve("apps/data/victim.txt"), "mine\n");
        h.payloads.put("x", "new\n".getBytes(StandardCharsets.UTF_8));
        DirCreate chmod = new DirCreate(id("chmod"), "apps/data", Optional.of("0700"));
        FileCopy copy = new FileCopy(id("copy"), "x", "apps/data/victim.txt", Optional.empty());
        FileCopy added = new FileCopy(id("added"), "x", "apps/data/added/x", Optional.empty());
        int chmodded = h.apply(chmod, Map.of("path", "apps/data"));
        int copied = h.apply(copy, Map.of("destination", "apps/data/victim.txt"));
        int made = h.apply(added, Map.of("destination", "apps/data/added/x"));
        Files.createDirectories(canary.resolve("added"));
        Files.writeString(canary.resolve("added/x"), "canary's own\n");
        TreeSnapshot canaryBefore = TreeSnapshot.of(canary);
        // Something after these actions replaced apps/data by a link to the canary.
        Files.move(h.home.resolve("apps/data"), h.home.resolve("apps/data-was"));
        Files.createSymbolicLink(h.home.resolve("apps/data"), Path.of("d1/d2/d3/d4/c/canary"));

        assertThatThrownBy(() -> h.undo(added, made)).isInstanceOf(UndoFailedException.class)
                .hasMessageContaining("apps/data/added/x " + "leads outside the allowed roots through the link "
                        + "apps/d1/d2/d3/d4/c -> b/../../../../..");
        assertThatThrownBy(() -> h.undo(copy, copied)).isInstanceOf(UndoFailedException.class)
                .hasMessageContaining("leads outside the allowed roots");
        assertThatThrownBy(() -> h.undo(chmod, chmodded)).isInstanceOf(UndoFailedException.class)
                .hasMessageContaining("apps/data leads outside the allowed roots");
        assertThat(TreeSnapshot.of(canary)).isEqualTo(canaryBefore);
    }
}
