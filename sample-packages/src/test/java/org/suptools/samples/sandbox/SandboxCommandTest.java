package org.suptools.samples.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.suptools.model.signing.KeyAlgorithm;
import org.suptools.model.signing.KeyFiles;
import org.suptools.model.signing.KeyPairs;
import org.suptools.samples.runtime.RuntimeHomeLayout;
import picocli.CommandLine;

/**
 * {@code sup-sandbox} in-process: the gateway it lays out, the runtime it starts, and the command
 * lines it refuses before writing anything. sup-installer's GatewayConfigSchemaTest and
 * SandboxFirmwareTest load and install on what it writes.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class SandboxCommandTest {

    @TempDir
    Path dir;

    Path started;

    record Run(int exit, String out, String err) {
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine = SandboxMain.commandLine();
        commandLine.setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true));
        int exit = commandLine.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    Path publicKey(String name) throws IOException {
        Path base = Files.createDirectories(dir.resolve("keys")).resolve(name);
        return KeyFiles.write(base, KeyPairs.generate(KeyAlgorithm.ED25519)).publicKeyFile();
    }

    static List<String> files(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            return paths.map(p -> root.relativize(p).toString()).sorted().toList();
        }
    }

    @AfterEach
    void stopTheRuntime() throws Exception {
        if (started != null) {
            new ProcessBuilder(RuntimeHomeLayout.command(started, "stop")).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void sandbox_withoutKeys_allowsUnsignedPackages_andLeavesTheRuntimeStoppedWithNoStart() throws Exception {
        Path gw = dir.resolve("gw");

        Run run = run(gw.toString(), "--no-start", "--architecture", "aarch64", "--thing-key", "bench \"1\"");

        assertThat(run.exit()).as(run.err()).isZero();
        String yaml = Files.readString(gw.resolve("gateway.yaml"));
        assertThat(yaml).contains("runtimeHome: dwcore\n", "stateDir: state\n", "allowUnsigned: true\n",
                "  product: \"dw-gateway\"\n", "  os: \"linux\"\n", "  architecture: \"aarch64\"\n",
                "  runtimeVersion: \"1.0.0\"\n", "  thingKey: \"bench \\\"1\\\"\"\n",
                "  start: [\"runtime/bin/runtime-ctl\", start, \"" + gw.resolve("dwcore") + "\"]\n",
                "  healthWait: \"60s\"\n").doesNotContain("trust:");
        assertThat(gw.resolve("dwcore/runtime/VERSION")).hasContent("1.0.0");
        assertThat(gw.resolve("dwcore/runtime/bin/runtime-ctl")).isExecutable();
        assertThat(gw.resolve("dwcore/run/runtime.pid")).doesNotExist();
        assertThat(gw.resolve("trust")).doesNotExist();
        assertThat(run.out()).contains("sandbox gateway: " + gw.resolve("gateway.yaml"),
                "(sample runtime 1.0.0, stopped)", "install:         sup-installer install FILE.sup --config "
                        + gw.resolve("gateway.yaml"), "stop runtime:    " + gw.resolve("dwcore/runtime/bin/runtime-ctl")
                        + " stop " + gw.resolve("dwcore"));
    }

    @Test
    void sandbox_withKeys_trustsThemAlone_andStartsAHealthyRuntime() throws Exception {
        Path release = publicKey("release");
        Path pem = Files.move(publicKey("ci"), dir.resolve("keys/ci.pem"));
        Path gw = dir.resolve("gw");
        started = gw.resolve("dwcore");

        Run run = run(gw.toString(), "--trust", release.toString(), "--trust", pem.toString(),
                "--runtime-version", "1.4.0", "--health-wait", "30s");

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(files(gw.resolve("trust"))).containsExactly("", "ci.pem.pub", "release.pub");
        assertThat(gw.resolve("trust/release.pub")).hasSameBinaryContentAs(release);
        assertThat(Files.readString(gw.resolve("gateway.yaml"))).contains("trust:\n  store: trust\n  threshold: 1\n",
                "  runtimeVersion: \"1.4.0\"\n", "  healthWait: \"30s\"\n").doesNotContain("allowUnsigned");
        assertThat(run.out()).contains("(sample runtime 1.4.0, running)");
        Process status = new ProcessBuilder(RuntimeHomeLayout.command(started, "status"))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectErrorStream(true).start();
        assertThat(status.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(status.exitValue()).as("runtime-ctl status: healthy").isZero();
    }

    @Test
    void sandbox_inADirectoryHoldingOne_isAUsageError_andChangesNothing() throws Exception {
        Path gw = Files.createDirectories(dir.resolve("gw"));
        Files.writeString(gw.resolve("gateway.yaml"), "mine\n");

        Run run = run(gw.toString(), "--no-start");

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("sup-sandbox: " + gw.resolve("gateway.yaml")
                + " already exists; choose an empty directory\n");
        assertThat(files(gw)).containsExactly("", "gateway.yaml");
        assertThat(gw.resolve("gateway.yaml")).hasContent("mine");
    }

    @Test
    void sandbox_withAKeyThatIsNoKey_failsWith1_beforeWritingAnything() throws Exception {
        Path notAKey = Files.writeString(dir.resolve("release.pub"), "not a key\n");
        Path gw = dir.resolve("gw");

        Run run = run(gw.toString(), "--trust", notAKey.toString(), "--no-start");

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).startsWith("sup-sandbox: error: " + notAKey + ": ").endsWith("\n");
        assertThat(run.err().lines()).hasSize(1);
        assertThat(gw).doesNotExist();
    }

    @Test
    void sandbox_withTwoKeysOfOneName_isAUsageError_beforeWritingAnything() throws Exception {
        Path first = publicKey("release");
        Path second = Files.copy(publicKey("other"), Files.createDirectories(dir.resolve("ci")).resolve("release.pub"));
        Path gw = dir.resolve("gw");

        Run run = run(gw.toString(), "--trust", first.toString(), "--trust", second.toString(), "--no-start");

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("sup-sandbox: --trust: " + first + " and " + second
                + " would both be the trust store's release.pub; rename one\n");
        assertThat(gw).doesNotExist();
    }

    @Test
    void sandbox_withABadHealthWaitOrRuntimeVersionOrAnEmptyProduct_isAUsageError_beforeWritingAnything() {
        Path gw = dir.resolve("gw");

        Run wait = run(gw.toString(), "--health-wait", "5 min");
        Run tooLong = run(gw.toString(), "--health-wait", "25h");
        Run version = run(gw.toString(), "--runtime-version", "v1");
        Run product = run(gw.toString(), "--product", " ");

        assertThat(List.of(wait.exit(), tooLong.exit(), version.exit(), product.exit())).containsOnly(2);
        assertThat(wait.err()).startsWith("sup-sandbox: --health-wait: '5 min' is not a duration");
        assertThat(tooLong.err()).startsWith("sup-sandbox: --health-wait: ");
        assertThat(version.err()).startsWith("sup-sandbox: --runtime-version: ");
        assertThat(product.err()).isEqualTo("sup-sandbox: --product: must not be empty\n");
        assertThat(gw).doesNotExist();
    }

    @Test
    void help_listsTheOptionsAndTheExitCodes() {
        Run help = run("--help");

        assertThat(help.exit()).isZero();
        assertThat(help.out()).contains("Usage: sup-sandbox", "DIR", "--trust", "--runtime-version", "--product", "--os",
                "--architecture", "--thing-key", "--health-wait", "--no-start", "Exit codes:", "0   created",
                "1   failed", "2   usage");
        assertThat(run().exit()).as("DIR is required").isEqualTo(2);
    }
}
