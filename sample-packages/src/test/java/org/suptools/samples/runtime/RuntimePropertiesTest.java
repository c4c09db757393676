package org.suptools.samples.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RuntimePropertiesTest {

    @TempDir
    Path home;

    @Test
    void load_laterFilesOverrideEarlierOnesInNameOrder() throws IOException {
        write("dwcore.properties", "a=base\nb=base\nc=base\nd=base\n");
        write("user.zz.properties", "d=user.zz\n");
        write("dwcore.user.properties", "b=dwcore.user\nc=dwcore.user\n");
        write("user.aa.properties", "c=user.aa\n");

        RuntimeProperties properties = RuntimeProperties.load(home);

        assertThat(properties.values())
                .containsEntry("a", "base")
                .containsEntry("b", "dwcore.user")
                .containsEntry("c", "user.aa")
                .containsEntry("d", "user.zz");
        assertThat(properties.files()).extracting(p -> p.getFileName().toString())
                .containsExactly("dwcore.properties", "dwcore.user.properties", "user.aa.properties", "user.zz.properties");
    }

    @Test
    void load_ignoresFilesThatAreNotRuntimeProperties() throws IOException {
        write("dwcore.properties", "a=base\n");
        write("dwcore.user.properties.bak", "a=backup\n");
        write("logging.properties", "a=logging\n");
        write("user.properties", "a=no-middle-part\n");
        write("dwcore.properties~", "a=editor\n");

        RuntimeProperties properties = RuntimeProperties.load(home);

        assertThat(properties.values()).containsExactly(java.util.Map.entry("a", "base"));
        assertThat(properties.files()).hasSize(1);
    }

    @Test
    void load_refusesAHomeWithoutDwcoreProperties() throws IOException {
        write("dwcore.user.properties", "a=1\n");

        assertThatThrownBy(() -> RuntimeProperties.load(home))
                .isInstanceOf(NoSuchFileException.class)
                .hasMessageContaining("dwcore.properties");
    }

    @Test
    void flag_isTrueOnlyForTrue() throws IOException {
        write("dwcore.properties", "on=true\noff=false\nodd=yes\n");

        RuntimeProperties properties = RuntimeProperties.load(home);

        assertThat(properties.flag("on")).isTrue();
        assertThat(properties.flag("off")).isFalse();
        assertThat(properties.flag("odd")).isFalse();
        assertThat(properties.flag("absent")).isFalse();
    }

    private void write(String name, String content) throws IOException {
        Files.createDirectories(home.resolve("conf"));
        Files.writeString(home.resolve("conf").resolve(name), content);
    }
}
