package org.suptools.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.suptools.cli.support.Tamper;

/**
 * The real {@code bin/sup}, run as a user runs it, on the real sample package: after
 * {@code mvn package}, so the launcher finds the jar built and starts at once.
 */
class SupEndToEndIT {

    /** The tests run in sup-cli/; the repository root is its parent. */
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final String SAMPLE = "sample-packages/packages/runtime-config";

    @TempDir
    Path temp;

    @Test
    void keygenBuildVerifyInspect_thenATamperedCopyIsRefused() throws Exception {
        Path key = temp.resolve("keys/release");
        Path sup = temp.resolve("runtime-config.sup");

        Run keygen = sup("keygen", "--out", key);
        Run build = sup("build", SAMPLE, "-o", sup, "--key", key + ".key");
        Run verify = sup("verify", sup, "--trust", key + ".pub");
        Run inspect = sup("inspect", sup);

        assertThat(keygen.exitCode()).as(keygen.toString()).isZero();
        assertThat(build.exitCode()).as(build.toString()).isZero();
        assertThat(build.out()).contains("Built " + sup);
        assertThat(verify.exitCode()).as(verify.toString()).isZero();
        assertThat(verify.out()).startsWith("OK " + sup + ": acme-runtime-config 1.4.0");
        assertThat(inspect.exitCode()).as(inspect.toString()).isZero();
        assertThat(inspect.out()).contains("acme-runtime-config 1.4.0", "payload/logging.properties", "Actions (3)");

        Path tampered = temp.resolve("tampered.sup");
        Files.copy(sup, tampered);
        Tamper.flipPayloadByte(tampered, "payload/logging.properties");
        Run refused = sup("verify", tampered, "--trust", key + ".pub");

        assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(1);
        assertThat(refused.err()).startsWith("sup: " + tampered + ": entry 'payload/logging.properties' has SHA-256 ")
                .contains("but the manifest declares");
        assertThat(refused.out()).isEmpty();
    }

    @Test
    void build_takesItsTimestampFromSourceDateEpoch() throws Exception {
        Path first = temp.resolve("first.sup");
        Path same = temp.resolve("same.sup");
        Path later = temp.resolve("later.sup");

        sup(Map.of("SOURCE_DATE_EPOCH", "1700000000"), "build", SAMPLE, "-o", first, "-q");
        sup(Map.of("SOURCE_DATE_EPOCH", "1700000000"), "build", SAMPLE, "-o", same, "-q");
        sup(Map.of("SOURCE_DATE_EPOCH", "1800000000"), "build", SAMPLE, "-o", later, "-q");

        assertThat(Files.readAllBytes(same)).isEqualTo(Files.readAllBytes(first));
        assertThat(Files.readAllBytes(later)).isNotEqualTo(Files.readAllBytes(first));
        assertThat(sup("inspect", later).out()).contains("2027-01-15T08:00:00Z");
    }

    @Test
    void exitCodes_reachTheShell() throws Exception {
        assertThat(sup("--version").exitCode()).isZero();
        assertThat(sup("verify", temp.resolve("a.sup")).exitCode()).isEqualTo(2);
        assertThat(sup("verify", temp.resolve("missing.sup"), "--no-trust").exitCode()).isEqualTo(5);
    }

    @Test
    void completion_canBeSourcedByBash() throws Exception {
        Run run = run(List.of("bash", "-c", "source <(bin/sup completion) && complete -p sup"), Map.of());

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).contains("-F _complete_sup");
    }

    private Run sup(Object... args) throws IOException, InterruptedException {
        return sup(Map.of(), args);
    }

    private Run sup(Map<String, String> environment, Object... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(ROOT.resolve("bin/sup").toString());
        for (Object arg : args) {
            command.add(String.valueOf(arg));
        }
        return run(command, environment);
    }

    private Run run(List<String> command, Map<String, String> environment) throws IOException, InterruptedException {
        Path out = temp.resolve("stdout.txt");
        Path err = temp.resolve("stderr.txt");
        ProcessBuilder builder = new ProcessBuilder(command).directory(ROOT.toFile())
                .redirectOutput(out.toFile())
                .redirectError(err.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        builder.environment().remove("SOURCE_DATE_EPOCH");
        builder.environment().putAll(environment);
        Process process = builder.start();
        if (!process.waitFor(2, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("timed out: " + command);
        }
        return new Run(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    private record Run(int exitCode, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- out\n" + out + "--- err\n" + err;
        }
    }
}
