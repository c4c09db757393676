package org.suptools.cli.commands;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.suptools.cli.SupHome;
import org.suptools.cli.support.Sup;
import org.suptools.cli.support.Sup.Result;

class InitCommandTest {

    @TempDir
    Path temp;

    @Test
    void init_writesACommentedSpecAndAnExamplePayload() throws Exception {
        Path dir = temp.resolve("My Gateway Config");

        Result result = Sup.run("init", dir);

        assertThat(result.exitCode()).as(result.toString()).isZero();
        String spec = Files.readString(dir.resolve("sup.yaml"));
        assertThat(spec).contains("name: my-gateway-config", "# ", "actions:");
        assertThat(dir.resolve("payload/app.properties")).isRegularFile();
        assertThat(result.out()).contains("sup validate");
    }

    @Test
    void init_thenValidate_findsNoProblemAtAll() {
        Path dir = temp.resolve("project");
        Sup.run("init", dir, "--name", "acme-demo");

        Result result = Sup.run("validate", dir);

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.out()).doesNotContain("warning").contains("valid");
    }

    @Test
    void init_thenBuild_makesAPackage() {
        Path dir = temp.resolve("project");
        Sup.run("init", dir);
        Path out = temp.resolve("project.sup");

        Result result = Sup.run("build", dir, "-o", out);

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(out).isRegularFile();
    }

    @Test
    void init_refusesToOverwriteASpec_unlessForced() throws Exception {
        Path dir = temp.resolve("project");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("sup.yaml"), "mine\n");

        Result refused = Sup.run("init", dir);

        assertThat(refused.exitCode()).isEqualTo(5);
        assertThat(refused.err()).contains("sup.yaml", "--force");
        assertThat(Files.readString(dir.resolve("sup.yaml"))).isEqualTo("mine\n");

        Result forced = Sup.run("init", dir, "--force");

        assertThat(forced.exitCode()).isZero();
        assertThat(Files.readString(dir.resolve("sup.yaml"))).contains("actions:");
    }

    @Test
    void init_keepsAnExistingPayloadFile() throws Exception {
        Path dir = temp.resolve("project");
        Files.createDirectories(dir.resolve("payload"));
        Files.writeString(dir.resolve("payload/app.properties"), "mine=1\n");

        Sup.run("init", dir);

        assertThat(Files.readString(dir.resolve("payload/app.properties"))).isEqualTo("mine=1\n");
    }

    @Test
    void init_inTheSourceTree_pointsEditorsAtTheSpecSchema() throws Exception {
        Path dir = temp.resolve("project");
        System.setProperty(SupHome.PROPERTY, Path.of("..").toAbsolutePath().normalize().toString());
        try {
            Sup.run("init", dir);
        } finally {
            System.clearProperty(SupHome.PROPERTY);
        }

        String firstLine = Files.readAllLines(dir.resolve("sup.yaml")).get(0);
        assertThat(firstLine).startsWith("# yaml-language-server: $schema=");
        Path schema = dir.resolve(firstLine.substring(firstLine.indexOf('=') + 1));
        assertThat(schema).isRegularFile();
        assertThat(schema.toRealPath()).isEqualTo(Path.of("../docs/schema/sup-spec.schema.json").toRealPath());
    }

    @Test
    void init_withAnInvalidName_isAUsageError() {
        Result result = Sup.run("init", temp.resolve("p"), "--name", "Not Valid");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("--name", "lowercase");
        assertThat(temp.resolve("p")).doesNotExist();
    }
}
