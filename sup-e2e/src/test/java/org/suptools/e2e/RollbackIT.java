package org.suptools.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.suptools.e2e.Launchers.ROOT;
import static org.suptools.e2e.Launchers.installer;
import static org.suptools.e2e.Launchers.runtimeStatus;
import static org.suptools.e2e.Launchers.sup;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.suptools.e2e.Launchers.Keys;
import org.suptools.e2e.Launchers.Result;

/**
 * A rollback forced on the app-bundle sample, so that its {@code script.run} action's undo script
 * ({@code unregister.sh}) really runs: a copy of the sample gets a third action that fails after
 * {@code register.sh} has registered the app, and is built, signed and installed with the real
 * launchers on a sandbox gateway.
 */
class RollbackIT {

    private static final String MAILBOX = "M-E2E-ROLLBACK";

    /**
     * Shows the registration that register.sh wrote (so the confirmation keeps it as output), then
     * fails.
     */
    private static final String FAILING_ACTION = """
              - id: fail-after-register
                type: command.run
                description: shows hello-app's registration, then fails on purpose
                command: ["/bin/sh", "-c", "cat apps/registry/hello-app.properties; exit 7"]
            """;

    /**
     * Another app registered before the install: apps/ and apps/registry/ predate it, so the
     * installer's own undo (which removes only what the archive added) cannot take hello-app's
     * registration with it. Only unregister.sh removes that.
     */
    private static final String OTHER_REGISTRATION = "app.name=other-app\napp.version=1.0.0\napp.home=apps/other-app\n";

    @TempDir
    Path work;

    @BeforeAll
    static void freshJars() throws Exception {
        Launchers.seeFreshJars();
    }

    @AfterEach
    void stopRuntime() throws Exception {
        Launchers.stopRuntime(work.resolve("gw/dwcore"));
    }

    @Test
    void appBundle_failingAfterRegister_runsUnregisterAndLeavesTheRuntimeHomeByteForByteAsBefore() throws Exception {
        Keys keys = Launchers.keygen(work.resolve("keys/e2e"));
        Path source = Trees.copy(ROOT.resolve("sample-packages/packages/app-bundle"), work.resolve("app-bundle"));
        Files.writeString(source.resolve("sup.yaml"), FAILING_ACTION, StandardCharsets.UTF_8,
                StandardOpenOption.APPEND);
        Path sup = work.resolve("app-bundle.sup");
        Result build = sup("build", source.toString(), "-o", sup.toString(), "--key", keys.privateKey().toString());
        assertThat(build.exit()).as(build.output()).isZero();

        Path home = Launchers.sandbox(work.resolve("gw"), keys.publicKey());
        Path registry = Files.createDirectories(home.resolve("apps/registry"));
        Files.writeString(registry.resolve("other-app.properties"), OTHER_REGISTRATION);
        Map<String, String> before = Trees.snapshot(home);

        Result install = installer("install", sup.toString(), "--config", work.resolve("gw/gateway.yaml").toString(),
                "--mailbox-id", MAILBOX);

        assertThat(install.exit()).as("1: failed and rolled back\n" + install.output()).isEqualTo(1);
        InstallReport report = InstallReport.of(home);
        report.assertFailedAndRolledBack(MAILBOX, "rolled-back", "rolled-back", "failed");
        assertThat(report.audit()).anyMatch(l -> l.endsWith(" WARNING " + report.actionLine(2, 3) + " rolled back"));
        // register.sh ran, and its registration was there when the next action failed...
        assertThat(report.action(2).path("exitCode").asInt()).isZero();
        assertThat(report.action(2).path("outputTail").asText()).contains("registered hello-app 2.0.0");
        assertThat(report.action(3).path("exitCode").asInt()).isEqualTo(7);
        assertThat(report.action(3).path("outputTail").asText()).contains("app.name=hello-app", "app.version=2.0.0");
        // ...and is gone now, with the other app's untouched: unregister.sh ran.
        assertThat(registry.resolve("hello-app.properties")).doesNotExist();
        assertThat(registry.resolve("other-app.properties")).hasContent(OTHER_REGISTRATION);
        assertThat(home.resolve("apps/hello-app")).doesNotExist();
        assertThat(Trees.snapshot(home)).as("runtime home byte for byte as before").isEqualTo(before);
        assertThat(runtimeStatus(home)).as("runtime healthy after the rollback").isZero();
    }
}
