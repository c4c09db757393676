package org.suptools.cli.commands;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.suptools.cli.support.Projects;
import org.suptools.cli.support.Sup;
import org.suptools.cli.support.Sup.Result;

/** The demo in-process, without the installer; sup-e2e's DemoIT runs the whole demo, installer half too. */
class DemoCommandTest {

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
    void stopOnly_withNothingRunning_saysSo_andBuildsNothing() {
        System.setProperty(DemoInstaller.PROPERTY, temp.resolve("no-such-sup-installer").toString());

        Result stopOnly = Sup.run("demo", "--stop-only", "--dir", temp);

        assertThat(stopOnly.exitCode()).as(stopOnly.toString()).isZero();
        assertThat(stopOnly.out()).contains("Nothing of the demo was running in").doesNotContain("key pair");
        assertThat(temp).isEmptyDirectory();
    }

    @Test
    void stopOnly_withARunOption_isAUsageError() {
        Result both = Sup.run("demo", "--stop-only", "--stop", "--dir", temp);

        assertThat(both.exitCode()).isEqualTo(2);
        assertThat(both.err()).contains("--stop-only: runs nothing, so it takes only --dir");
        assertThat(temp).isEmptyDirectory();
    }

    @Test
    void demo_helpSaysTheRuntimeIsLeftRunningUnlessStop() {
        Result help = Sup.run("demo", "--help");

        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).contains("--stop", "--stop-only", "left running", DemoInstaller.PROPERTY, "--dir",
                "--sample");
    }

    @Test
    void demo_helpTellsTheCampaignByDefault_andTheSingleGatewayInstallAsAnOption() {
        Result help = Sup.run("demo", "--help");

        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).contains("campaign", "bin/sup-portal", "bin/sup-agent", "three sandbox gateways",
                "does not target", "--single-gateway");
    }
}
