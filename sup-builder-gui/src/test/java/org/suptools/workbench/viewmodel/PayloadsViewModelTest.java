package org.suptools.workbench.viewmodel;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.suptools.model.archive.Sha256;
import org.suptools.workbench.TestPackages;

class PayloadsViewModelTest {

    private final MainViewModel main = new MainViewModel(TestPackages.services());

    @Test
    void rows_showSizeHashUsersAndUnusedFiles(@TempDir Path dir) throws Exception {
        Path spec = TestPackages.copyAllActions(dir);
        Files.writeString(dir.resolve("payload/extra.txt"), "not used\n");
        main.open(spec);

        PayloadRow conf = row("app.conf");
        assertThat(conf.size()).isEqualTo(Files.size(dir.resolve("payload/app.conf")));
        assertThat(conf.sha256()).isEqualTo(Sha256.ofFile(dir.resolve("payload/app.conf")));
        assertThat(conf.usedBy()).isEqualTo("config");
        assertThat(row("scripts/teardown.sh").usedBy()).isEqualTo("setup");
        assertThat(row("extra.txt").unused()).isTrue();
        assertThat(main.payloads().statusProperty().get()).isEqualTo("9 files, 1 unused");
        assertThat(main.model().assembly().at("payloads")).singleElement()
                .extracting(p -> p.message()).asString().contains("'extra.txt' is not used");
    }

    @Test
    void addFile_copiesItIn_andItIsHashed(@TempDir Path dir) throws Exception {
        main.newPackageIn(dir);
        Path file = Files.writeString(dir.resolve("notes.txt"), "hello\n");

        assertThat(main.payloads().addFile(file)).isTrue();

        assertThat(main.payloads().rows()).singleElement()
                .satisfies(r -> assertThat(r.sha256()).isEqualTo(Sha256.of("hello\n".getBytes())))
                .satisfies(r -> assertThat(r.unused()).isTrue());
    }

    private PayloadRow row(String name) {
        return main.payloads().rows().stream().filter(r -> r.name().equals(name)).findFirst().orElseThrow();
    }
}
