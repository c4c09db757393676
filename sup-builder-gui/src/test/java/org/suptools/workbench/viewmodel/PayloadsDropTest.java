package org.suptools.workbench.viewmodel;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.suptools.model.archive.Sha256;
import org.suptools.workbench.TestPackages;

/** Files dropped from the desktop on the Payloads screen: what {@code PayloadsView} hands to the view-model. */
class PayloadsDropTest {

    private final MainViewModel main = new MainViewModel(TestPackages.services());

    @Test
    void addFiles_severalAtOnce_copiesEachIn_andHashesThem(@TempDir Path dir) throws Exception {
        main.newPackageIn(dir.resolve("pkg"));
        Path a = Files.writeString(dir.resolve("a.txt"), "alpha\n");
        Path b = Files.writeString(dir.resolve("b.bin"), "beta\n");

        var result = main.payloads().addFiles(List.of(a, b));

        assertThat(result.added()).containsExactly("a.txt", "b.bin");
        assertThat(result.refused()).isEmpty();
        assertThat(dir.resolve("pkg/payload/a.txt")).hasContent("alpha");
        assertThat(main.payloads().rows()).extracting(PayloadRow::name, PayloadRow::sha256).containsExactly(
                org.assertj.core.groups.Tuple.tuple("a.txt", Sha256.of("alpha\n".getBytes())),
                org.assertj.core.groups.Tuple.tuple("b.bin", Sha256.of("beta\n".getBytes())));
        assertThat(main.payloads().statusProperty().get()).isEqualTo("2 files, 2 unused. Added a.txt, b.bin");
    }

    @Test
    void addFiles_aDifferentFileOfATakenName_isRefusedByName_andTheOthersAreAdded(@TempDir Path dir) throws Exception {
        Path spec = TestPackages.copyAllActions(dir.resolve("pkg"));
        main.open(spec);
        String before = Files.readString(dir.resolve("pkg/payload/app.conf"));
        Path clash = Files.writeString(Files.createDirectories(dir.resolve("elsewhere")).resolve("app.conf"), "other\n");
        Path same = dir.resolve("pkg/payload/license.lic");
        Path copyOfSame = Files.copy(same, dir.resolve("elsewhere/license.lic"));
        Path fresh = Files.writeString(dir.resolve("elsewhere/new.txt"), "new\n");

        var result = main.payloads().addFiles(List.of(clash, copyOfSame, fresh));

        assertThat(result.added()).containsExactly("license.lic", "new.txt");
        assertThat(result.refused()).containsExactly(
                "app.conf: a different payload file of this name exists; rename one of them");
        assertThat(dir.resolve("pkg/payload/app.conf")).hasContent(before.strip());
        assertThat(main.payloads().statusProperty().get()).contains("Added license.lic, new.txt; not added: app.conf: "
                + "a different payload file of this name exists");
    }

    @Test
    void addFiles_aFolder_isRefusedClearly_andNothingOfItIsCopied(@TempDir Path dir) throws Exception {
        main.newPackageIn(dir.resolve("pkg"));
        Path folder = Files.createDirectories(dir.resolve("configs"));
        Files.writeString(folder.resolve("inner.conf"), "x\n");
        Path file = Files.writeString(dir.resolve("one.txt"), "1\n");

        var result = main.payloads().addFiles(List.of(folder, file, dir.resolve("gone.txt")));

        assertThat(result.added()).containsExactly("one.txt");
        assertThat(result.refused()).containsExactly("configs: a folder is not added; drop the files in it",
                "gone.txt: does not exist, not a file");
        assertThat(dir.resolve("pkg/payload/configs")).doesNotExist();
        assertThat(main.payloads().rows()).extracting(PayloadRow::name).containsExactly("one.txt");
    }

    @Test
    void addFiles_toAPackageNeverSaved_addsNothing_andSaysToSaveFirst(@TempDir Path dir) throws Exception {
        main.newPackage();
        Path file = Files.writeString(dir.resolve("one.txt"), "1\n");

        var result = main.payloads().addFiles(List.of(file));

        assertThat(result.added()).isEmpty();
        assertThat(main.payloads().hasPayloadDirectory()).isFalse();
        assertThat(main.payloads().statusProperty().get()).startsWith("Save the package first");
    }
}
