package org.suptools.workbench.fx;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.javafx.scene.input.DragboardHelper;
import com.sun.javafx.tk.TKClipboard;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.AccessControlContext;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javafx.event.Event;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.image.Image;
import javafx.scene.input.Clipboard;
import javafx.scene.input.DataFormat;
import javafx.scene.input.DragEvent;
import javafx.scene.input.Dragboard;
import javafx.scene.input.TransferMode;
import javafx.stage.Stage;
import javafx.util.Pair;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.suptools.model.archive.ArchiveOptions;
import org.suptools.model.archive.ProgressListener;
import org.suptools.model.packaging.PackageBuilder;
import org.suptools.model.signing.KeyAlgorithm;
import org.suptools.model.signing.KeyPairs;
import org.suptools.model.spec.SpecFiles;
import org.suptools.workbench.TestPackages;
import org.suptools.workbench.Workbench;
import org.suptools.workbench.viewmodel.DiffRow;
import org.suptools.workbench.viewmodel.MainViewModel;
import org.suptools.workbench.viewmodel.PayloadRow;
import org.suptools.workbench.viewmodel.Screen;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Comparing two real builds of a sample in the window (the {@code sup diff} view), from the
 * Inspect screen and from the Build tab, and files dropped from the desktop on the Payloads screen.
 */
@ExtendWith(ApplicationExtension.class)
class CompareAndDropWindowTest {

    private static final Path SAMPLE = Path.of("../sample-packages/packages/runtime-config").toAbsolutePath().normalize();

    @TempDir
    Path dir;

    @RegisterExtension
    final UserHome home = new UserHome();

    Workbench workbench;
    MainViewModel vm;
    Stage stage;
    final AnsweringDialogs dialogs = new AnsweringDialogs();

    @Start
    void start(Stage stage) {
        this.stage = stage;
        home.set(dir);
        // The real services: the comparison runs on a background thread, as in the application.
        workbench = Workbench.show(stage, Workbench.defaultServices(dir.resolve("config")), dialogs, Optional.empty());
        stage.setWidth(Workbench.WIDTH);
        stage.setHeight(Workbench.HEIGHT);
        vm = workbench.viewModel();
    }

    @AfterEach
    void usualSize(FxRobot robot) {
        robot.interact(() -> {
            stage.setWidth(Workbench.WIDTH);
            stage.setHeight(Workbench.HEIGHT);
        });
    }

    @Test
    void compareWith_onTheInspectScreen_showsEachSectionsChanges_copiesSupDiffsText_andFitsAt1024x700(FxRobot robot)
            throws Exception {
        Path spec = copySample(dir.resolve("releases/runtime-config"));
        Path v1 = build(spec, dir.resolve("releases/acme-runtime-config-1.4.0.sup"), false);
        Files.writeString(spec.resolveSibling("payload/logging.properties"), "handlers=console\n.level=INFO\n");
        Files.writeString(spec.resolveSibling("payload/banner.txt"), "Managed by SUP\n");
        Files.writeString(spec, Files.readString(spec).replace("version: 1.4.0", "version: 1.5.0")
                .replace("dw.http.port: \"8080\"", "dw.http.port: \"8443\"")
                + "  - id: banner\n    type: file.copy\n    source: banner.txt\n    destination: conf/banner.txt\n");
        Path v2 = build(spec, dir.resolve("releases/acme-runtime-config-1.5.0.sup"), true);

        robot.interact(() -> vm.open(v1));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> vm.inspector().openedProperty().get() != null);
        dialogs.files.add(v2);
        robot.clickOn("#inspect-compare");
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> !vm.compare().busyProperty().get());
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(robot.lookup("#compare-screen").query().isVisible()).isTrue();
        assertThat(vm.screenProperty().get()).isEqualTo(Screen.INSPECT);
        TableView<DiffRow> table = robot.lookup("#compare-table").queryTableView();
        assertThat(table.getItems()).contains(
                new DiffRow("Metadata", "changed", "version", "", "1.4.0", "1.5.0"),
                new DiffRow("Actions", "changed", "http-port", "set.dw.http.port", "8080", "8443"),
                new DiffRow("Actions", "added", "banner", "", "", "file.copy: banner.txt -> conf/banner.txt"));
        assertThat(table.getItems()).extracting(DiffRow::section)
                .containsSubsequence("Metadata", "Actions", "Payloads", "Signatures");
        assertThat(table.getItems()).filteredOn(r -> r.item().equals("logging.properties") && r.field().equals("SHA-256"))
                .singleElement().satisfies(r -> assertThat(r.after()).hasSize(64));
        assertThat(robot.lookup("#compare-headline").queryAs(Label.class).getText())
                .isEqualTo("6 differences: 1 in metadata, 2 in actions, 2 in payloads, 1 in signatures");
        assertThat(robot.lookup("#compare-a").queryAs(Label.class).getText())
                .contains("acme-runtime-config 1.4.0", "~/releases/acme-runtime-config-1.4.0.sup", "unsigned");
        robot.moveTo("#compare-headline");
        Screenshots.save(workbench.scene(), "workbench-compare");

        robot.clickOn("#compare-copy");
        String copied = WaitForAsyncUtils.asyncFx(() -> Clipboard.getSystemClipboard().getString()).get();
        assertThat(copied).isEqualTo(vm.compare().text()).startsWith("~ version: 1.4.0 -> 1.5.0\n")
                .endsWith("6 differences\n");

        robot.interact(() -> {
            stage.setWidth(1024);
            stage.setHeight(700);
        });
        WaitForAsyncUtils.waitForFxEvents();
        for (String id : List.of("#compare-back", "#compare-other", "#compare-swap", "#compare-refresh", "#compare-copy")) {
            Node button = robot.lookup(id).query();
            Bounds bounds = button.localToScene(button.getBoundsInLocal());
            assertThat(bounds.getMaxX()).as(id).isLessThanOrEqualTo(workbench.scene().getWidth());
        }
        assertThat(table.getHeight()).as("room for the rows").isGreaterThan(150);
        Screenshots.save(workbench.scene(), "workbench-compare-1024x700");

        robot.clickOn("#compare-back");
        assertThat(robot.lookup("#compare-screen").query().isVisible()).isFalse();
        assertThat(robot.lookup("#inspect-summary").query().isVisible()).isTrue();
    }

    @Test
    void compareWith_aBrokenFile_saysWhichFile(FxRobot robot) throws Exception {
        Path v1 = build(copySample(dir.resolve("pkg")), dir.resolve("good.sup"), false);
        Path broken = Files.write(dir.resolve("broken.sup"), new byte[] {'P', 'K', 3, 4, 0, 0});
        robot.interact(() -> vm.open(v1));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> vm.inspector().openedProperty().get() != null);
        dialogs.files.add(broken);

        robot.clickOn("#inspect-compare");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !vm.compare().busyProperty().get());
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(robot.lookup("#compare-headline").queryAs(Label.class).getText())
                .startsWith("Cannot compare: ~/broken.sup: ");
        assertThat(robot.lookup("#compare-table").queryTableView().getItems()).isEmpty();
        assertThat(robot.lookup("#compare-copy").query().isDisabled()).isTrue();
    }

    @Test
    void compareWithPreviousBuild_fromTheBuildTab_aftertheSameOutputIsBuiltAgain(FxRobot robot) throws Exception {
        Path spec = copySample(dir.resolve("pkg"));
        robot.interact(() -> vm.open(spec));
        robot.interact(() -> vm.screenProperty().set(Screen.BUILD));
        robot.clickOn("#build-button");
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> vm.build().resultProperty().get() != null);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#build-compare").queryButton().getText()).isEqualTo("Compare with...");

        robot.interact(() -> vm.metadata().text("description").set("a new description"));
        robot.clickOn("#build-button");
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> vm.build().resultProperty().get() != null);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#build-compare").queryButton().getText()).isEqualTo("Compare with previous build");

        robot.clickOn("#build-compare");
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> !vm.compare().busyProperty().get());
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(vm.screenProperty().get()).isEqualTo(Screen.INSPECT);
        assertThat(robot.lookup("#compare-table").queryTableView().getItems()).containsExactly(new DiffRow("Metadata",
                "changed", "description", "", "HTTP port 8080 and INFO logging for the gateway runtime",
                "a new description"));
    }

    @Test
    void filesDroppedOnThePayloadsScreen_areOutlinedWhileOver_thenAdded_aFolderRefused(FxRobot robot) throws Exception {
        Path spec = copySample(dir.resolve("acme-runtime-config"));
        Path desktop = Files.createDirectories(dir.resolve("Desktop"));
        Path cert = Files.writeString(desktop.resolve("gateway-ca.pem"), "-----BEGIN CERTIFICATE-----\n");
        Path notes = Files.writeString(desktop.resolve("release-notes.txt"), "1.5.0: HTTPS on 8443\n");
        Path folder = Files.createDirectories(desktop.resolve("more-configs"));
        robot.interact(() -> vm.open(spec));
        robot.clickOn("#tab-payloads");
        TableView<PayloadRow> table = robot.lookup("#payloads-table").queryTableView();
        Dragboard files = WaitForAsyncUtils.asyncFx(
                () -> dragboardWith(List.of(cert.toFile(), notes.toFile(), folder.toFile()))).get();

        robot.interact(() -> Event.fireEvent(table, drag(DragEvent.DRAG_OVER, files)));

        assertThat(table.getStyleClass()).contains("payload-drop-target");
        assertThat(robot.lookup("#payloads-drop-hint").queryAs(Label.class).getText())
                .isEqualTo("Drop to copy 3 files into payload/");
        Screenshots.save(workbench.scene(), "workbench-payloads-drop");

        robot.interact(() -> Event.fireEvent(table, drag(DragEvent.DRAG_DROPPED, files)));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> vm.payloads().rows().size() == 3
                && vm.payloads().rows().stream().noneMatch(r -> r.sha256().isEmpty()));
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(table.getStyleClass()).doesNotContain("payload-drop-target");
        assertThat(table.getItems()).extracting(PayloadRow::name)
                .containsExactly("gateway-ca.pem", "logging.properties", "release-notes.txt");
        assertThat(spec.resolveSibling("payload/release-notes.txt")).hasContent("1.5.0: HTTPS on 8443");
        assertThat(robot.lookup("#payloads-status").queryAs(Label.class).getText()).contains(
                "Added gateway-ca.pem, release-notes.txt; not added: more-configs: a folder is not added; drop the files in it");
    }

    private static DragEvent drag(javafx.event.EventType<DragEvent> type, Dragboard dragboard) {
        return new DragEvent(type, dragboard, 200, 200, 200, 200, TransferMode.COPY, null, null, null);
    }

    /** A dragboard as the desktop's file manager fills it: a list of files. */
    private static Dragboard dragboardWith(List<File> files) {
        Map<DataFormat, Object> content = Map.of(DataFormat.FILES, files);
        Dragboard dragboard = DragboardHelper.createDragboard(new TKClipboard() {
            @Override
            public void setSecurityContext(AccessControlContext context) {
            }

            @Override
            public Set<DataFormat> getContentTypes() {
                return content.keySet();
            }

            @Override
            @SafeVarargs
            public final boolean putContent(Pair<DataFormat, Object>... pairs) {
                return false;
            }

            @Override
            public Object getContent(DataFormat format) {
                return content.get(format);
            }

            @Override
            public boolean hasContent(DataFormat format) {
                return content.containsKey(format);
            }

            @Override
            public Set<TransferMode> getTransferModes() {
                return Set.of(TransferMode.COPY);
            }

            @Override
            public void setDragView(Image image) {
            }

            @Override
            public void setDragViewOffsetX(double offset) {
            }

            @Override
            public void setDragViewOffsetY(double offset) {
            }

            @Override
            public Image getDragView() {
                return null;
            }

            @Override
            public double getDragViewOffsetX() {
                return 0;
            }

            @Override
            public double getDragViewOffsetY() {
                return 0;
            }
        });
        DragboardHelper.setDataAccessRestriction(dragboard, false);
        return dragboard;
    }

    /** A copy of the runtime-config sample in {@code target}; returns its sup.yaml. */
    private static Path copySample(Path target) throws Exception {
        try (Stream<Path> files = Files.walk(SAMPLE)) {
            for (Path file : files.toList()) {
                Path to = target.resolve(SAMPLE.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(file, to);
                }
            }
        }
        return target.resolve("sup.yaml");
    }

    private static Path build(Path spec, Path out, boolean signed) throws Exception {
        Files.createDirectories(out.getParent());
        new PackageBuilder(ArchiveOptions.fromEnvironment(), ProgressListener.NONE).build(
                SpecFiles.loadValid(spec, TestPackages.CLOCK.instant()), out,
                signed ? List.of(KeyPairs.generate(KeyAlgorithm.ED25519).getPrivate()) : List.of());
        return out;
    }
}
