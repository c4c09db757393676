package org.suptools.cli.commands;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.suptools.cli.support.Projects;
import org.suptools.cli.support.Sup;
import org.suptools.cli.support.Sup.Result;

class DemoCommandTest {

    /** The source tree's root: tests run in sup-cli/. */
    private static final Path REPO = Path.of("..").toAbsolutePath().normalize();

    @TempDir
    Path temp;

    @AfterEach
    void clearLauncher() {
        System.clearProperty(DemoInstaller.PROPERTY);
    }

    @Test
    void demo_withoutTheInstaller_buildsSignsVerifiesAndShowsTheSample_thenStopsWithANote_andCanRunAgain() {
        System.setProperty(DemoInstaller.PROPERTY, temp.resolve("no-such-sup-installer").toString());

        Result first = Sup.run("demo", "--dir", temp, "--sample", Projects.SAMPLE);
        Result second = Sup.run("demo", "--dir", temp, "--sample", Projects.SAMPLE);

        assertThat(first.exitCode()).as(first.toString()).isZero();
        assertThat(second.exitCode()).as(second.toString()).isZero();
        assertThat(second.out()).contains("verified against", "OK, signed by trusted key",
                "acme-runtime-config 1.4.0", "Actions (3)", "trusted",
                "The installer half is skipped", "no-such-sup-installer is not there", "Note:", "Try next:");
        assertThat(second.out()).doesNotContain("4. sandbox gateway", "Summary");
        assertThat(temp.resolve("acme-runtime-config-1.4.0.sup")).isRegularFile();
        assertThat(temp.resolve("keys/demo.key")).isRegularFile();
        assertThat(temp.resolve("gateway")).doesNotExist();
    }

    @Test
    void demo_helpSaysTheRuntimeIsLeftRunningUnlessStop() {
        Result help = Sup.run("demo", "--help");

        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).contains("--stop", "left running", DemoInstaller.PROPERTY, "--dir", "--sample");
    }

    /** The whole demo with the real installer; only when it has been built (mvn package of sup-installer). */
    @Test
    void demo_withTheInstaller_installsOnASandboxGatewayAndSummarizes_twice() throws Exception {
        Assumptions.assumeTrue(Files.isRegularFile(REPO.resolve("sup-installer/target/sup-installer.jar")),
                "sup-installer is not built");
        System.setProperty(DemoInstaller.PROPERTY, REPO.resolve("bin/sup-installer").toString());

        Result first = Sup.run("demo", "--dir", temp, "--sample", Projects.SAMPLE);
        Result second = Sup.run("demo", "--dir", temp, "--sample", Projects.SAMPLE, "--stop");

        assertThat(first.exitCode()).as(first.toString()).isZero();
        assertThat(first.out()).contains("The sandbox runtime is still running", "runtime-ctl stop");
        assertThat(second.exitCode()).as(second.toString()).isZero();
        assertThat(second.out()).contains("stopped the sandbox runtime of the previous run",
                "4. sandbox gateway", "[1/3] file.copy logging-config succeeded in",
                "[3/3] runtime.restart restart succeeded in", "Result: succeeded",
                "properties.set       http-port    succeeded",
                "install started (manual)", "installed successfully",
                "TR50 reply", "\"command\": \"log.publish\"",
                "confirmation.json", "The sandbox runtime is stopped (--stop).");
        Path logs = temp.resolve("gateway/dwcore/logs");
        assertThat(Files.readString(logs.resolve("confirmation.json"))).contains("\"succeeded\"");
        assertThat(Files.readString(temp.resolve("gateway/dwcore/conf/dwcore.user.properties")))
                .contains("dw.http.port=8080");
    }
}
