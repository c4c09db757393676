package org.suptools.cli.commands;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.suptools.cli.support.Projects;
import org.suptools.cli.support.Sup;
import org.suptools.cli.support.Sup.Result;

class DemoCommandTest {

    @TempDir
    Path temp;

    @Test
    void demo_buildsSignsVerifiesAndShowsTheSample_andCanRunAgain() {
        Result first = Sup.run("demo", "--dir", temp, "--sample", Projects.SAMPLE);
        Result second = Sup.run("demo", "--dir", temp, "--sample", Projects.SAMPLE);

        assertThat(first.exitCode()).as(first.toString()).isZero();
        assertThat(second.exitCode()).as(second.toString()).isZero();
        assertThat(second.out()).contains("installer half", "verified against", "OK, signed by trusted key",
                "acme-runtime-config 1.4.0", "Actions (3)", "trusted");
        assertThat(temp.resolve("acme-runtime-config-1.4.0.sup")).isRegularFile();
        assertThat(temp.resolve("keys/demo.key")).isRegularFile();
    }
}
