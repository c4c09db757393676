package org.suptools.workbench.viewmodel;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.suptools.model.archive.ArchiveOptions;
import org.suptools.model.archive.ProgressListener;
import org.suptools.model.archive.Sha256;
import org.suptools.model.packaging.PackageBuilder;
import org.suptools.model.packaging.PackageDiff;
import org.suptools.model.signing.KeyAlgorithm;
import org.suptools.model.signing.KeyPairs;
import org.suptools.model.spec.SpecFiles;
import org.suptools.workbench.TestPackages;
import org.suptools.workbench.service.BackgroundRunner;
import org.suptools.workbench.service.ModelPackageComparer;

class CompareViewModelTest {

    private final CompareViewModel vm = new CompareViewModel(new ModelPackageComparer(), BackgroundRunner.IN_PLACE);

    @Test
    void compare_twoBuildsOfTheSameSpec_isIdentical_andCopiesTheTextSupDiffPrints(@TempDir Path dir) throws Exception {
        Path spec = TestPackages.copyAllActions(dir.resolve("pkg"));
        Path a = build(spec, dir.resolve("a.sup"));
        Path b = build(spec, dir.resolve("b.sup"));

        vm.compare(a, b);

        assertThat(vm.identicalProperty().get()).isTrue();
        assertThat(vm.failedProperty().get()).isFalse();
        assertThat(vm.busyProperty().get()).isFalse();
        assertThat(vm.rows()).isEmpty();
        assertThat(vm.headlineProperty().get()).startsWith("Identical");
        assertThat(vm.describeAProperty().get()).contains("acme-all-actions 1.4.0-rc.1+build.7", "a.sup", "unsigned");
        assertThat(vm.text()).isEqualTo("No differences\n");
        assertThat(vm.shownProperty().get()).isTrue();
    }

    @Test
    void compare_aNewVersionWithAChangedActionAndPayload_listsEachSectionWithTheChangedFields(@TempDir Path dir)
            throws Exception {
        Path spec = TestPackages.copyAllActions(dir.resolve("pkg"));
        Path a = build(spec, dir.resolve("a.sup"));
        Files.writeString(dir.resolve("pkg/payload/app.conf"), "port=9090\nchanged=yes\n");
        Files.writeString(spec, Files.readString(spec).replace("version: 1.4.0-rc.1+build.7", "version: 1.5.0")
                .replace("destination: conf/app.conf", "destination: conf/app-new.conf"));
        Path b = build(spec, dir.resolve("b.sup"), KeyPairs.generate(KeyAlgorithm.ED25519).getPrivate());

        vm.compare(a, b);

        assertThat(vm.identicalProperty().get()).isFalse();
        assertThat(vm.rows()).contains(
                new DiffRow("Metadata", "changed", "version", "", "1.4.0-rc.1+build.7", "1.5.0"),
                new DiffRow("Actions", "changed", "config", "destination", "conf/app.conf", "conf/app-new.conf"),
                new DiffRow("Payloads", "changed", "app.conf", "SHA-256",
                        Sha256.ofFile(TestPackages.allActionsExample().resolve("payload/app.conf")),
                        Sha256.ofFile(dir.resolve("pkg/payload/app.conf"))));
        assertThat(vm.rows()).filteredOn(row -> row.item().equals("config")).singleElement();
        assertThat(vm.rows()).filteredOn(row -> row.section().equals("Payloads") && row.field().equals("size"))
                .singleElement().satisfies(row -> assertThat(row.after()).isEqualTo(
                        Files.size(dir.resolve("pkg/payload/app.conf")) + " bytes"));
        assertThat(vm.rows()).filteredOn(row -> row.section().equals("Signatures")).singleElement()
                .satisfies(row -> assertThat(row.kind()).isEqualTo("added"));
        assertThat(vm.rows()).extracting(DiffRow::section)
                .containsSubsequence("Metadata", "Actions", "Payloads", "Signatures");
        assertThat(vm.headlineProperty().get())
                .isEqualTo("4 differences: 1 in metadata, 1 in actions, 1 in payloads, 1 in signatures");
        assertThat(vm.text()).isEqualTo(supDiff(a, b));
        assertThat(vm.text()).contains("~ version: 1.4.0-rc.1+build.7 -> 1.5.0\n").endsWith("4 differences\n");
    }

    @Test
    void compare_targetsRequirementsAndAMovedAction_eachHaveTheirSection(@TempDir Path dir) throws Exception {
        Path spec = TestPackages.copyAllActions(dir.resolve("pkg"));
        Path a = build(spec, dir.resolve("a.sup"));
        Files.writeString(spec, Files.readString(spec)
                .replace("requires:\n  - name: acme-base\n    version: \">=1.0.0\"\n", "")
                .replace("    architecture: aarch64\n", "    architecture: armv7\n")
                .replace("  - id: stop\n    type: runtime.stop\n    timeout: 1m\n", "")
                + "  - id: stop\n    type: runtime.stop\n    timeout: 1m\n");
        Path b = build(spec, dir.resolve("b.sup"));

        vm.compare(a, b);

        assertThat(vm.rows()).extracting(DiffRow::section, DiffRow::kind, DiffRow::item)
                .contains(org.assertj.core.groups.Tuple.tuple("Targets", "removed", "dw-edge/linux/aarch64"),
                        org.assertj.core.groups.Tuple.tuple("Requirements", "removed", "acme-base"),
                        org.assertj.core.groups.Tuple.tuple("Actions", "moved", "stop"));
        assertThat(vm.rows()).filteredOn(row -> row.section().equals("Targets")).extracting(DiffRow::kind)
                .containsExactlyInAnyOrder("removed", "added");
        assertThat(vm.rows()).filteredOn(row -> row.kind().equals("moved") && row.item().equals("stop")).singleElement()
                .satisfies(row -> assertThat(row.before()).isEqualTo("position 0"));
        assertThat(vm.rows()).extracting(DiffRow::section)
                .containsSubsequence("Targets", "Requirements", "Actions");
    }

    @Test
    void swap_comparesTheOtherWayRound(@TempDir Path dir) throws Exception {
        Path spec = TestPackages.copyAllActions(dir.resolve("pkg"));
        Path a = build(spec, dir.resolve("a.sup"));
        Files.writeString(spec, Files.readString(spec).replace("version: 1.4.0-rc.1+build.7", "version: 1.5.0"));
        Path b = build(spec, dir.resolve("b.sup"));
        vm.compare(a, b);

        vm.swap();

        assertThat(vm.fileAProperty().get()).isEqualTo(b);
        assertThat(vm.rows()).containsExactly(new DiffRow("Metadata", "changed", "version", "", "1.5.0",
                "1.4.0-rc.1+build.7"));
    }

    @Test
    void compare_withABrokenFile_saysWhichFileAndWhy_andShowsNoRows(@TempDir Path dir) throws Exception {
        Path good = build(TestPackages.copyAllActions(dir.resolve("pkg")), dir.resolve("good.sup"));
        Path broken = Files.writeString(dir.resolve("broken.sup"), "this is not a zip archive");
        vm.compare(good, broken);
        assertThat(vm.failedProperty().get()).isTrue();
        assertThat(vm.rows()).isEmpty();
        assertThat(vm.text()).isEmpty();
        assertThat(vm.headlineProperty().get()).startsWith("Cannot compare: ").contains("broken.sup")
                .contains("not a ZIP archive");

        vm.compare(dir.resolve("missing.sup"), good);
        assertThat(vm.headlineProperty().get()).contains("missing.sup: does not exist");
    }

    @Test
    void compare_aPackageWhosePayloadWasTamperedWith_isRefusedNamingTheFile(@TempDir Path dir) throws Exception {
        Path spec = TestPackages.copyAllActions(dir.resolve("pkg"));
        Path good = build(spec, dir.resolve("good.sup"));
        Path tampered = dir.resolve("tampered.sup");
        byte[] bytes = Files.readAllBytes(good);
        // app.conf is stored as written: flip one byte of its text inside the archive.
        String text = new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1);
        int at = text.indexOf(Files.readString(spec.resolveSibling("payload/app.conf")));
        assertThat(at).isPositive();
        bytes[at] ^= 1;
        Files.write(tampered, bytes);

        vm.compare(good, tampered);

        assertThat(vm.failedProperty().get()).isTrue();
        assertThat(vm.headlineProperty().get()).startsWith("Cannot compare: ").contains("tampered.sup");
    }

    private static Path build(Path spec, Path out, java.security.PrivateKey... keys) throws Exception {
        new PackageBuilder(ArchiveOptions.fromEnvironment(), ProgressListener.NONE)
                .build(SpecFiles.loadValid(spec, TestPackages.CLOCK.instant()), out, List.of(keys));
        return out;
    }

    /** What {@code sup diff a b} prints: the model's lines, as DiffCommand writes them. */
    private static String supDiff(Path a, Path b) throws Exception {
        var diff = new ModelPackageComparer().compare(a, b, ProgressListener.NONE);
        StringWriter out = new StringWriter();
        PackageDiff.lines(diff.changes()).forEach(line -> out.write(line + "\n"));
        return out.toString();
    }
}
