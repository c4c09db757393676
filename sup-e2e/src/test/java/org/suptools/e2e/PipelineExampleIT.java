package org.suptools.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CI pipeline example of the user guide, {@code docs/examples/ci/package.sh}, run as a pipeline
 * runs it: as its own process on a copy of a sample package, with a key made by {@code bin/sup
 * keygen}. What it builds must verify with {@code bin/sup verify --trust}, be the same bytes on
 * every run, and carry the last commit's time in a git checkout; what it refuses must fail it with
 * sup's exit code and message, leaving no package behind.
 */
class PipelineExampleIT {

    private static final Path ROOT = Path.of(System.getProperty("basedir", System.getProperty("user.dir")))
            .toAbsolutePath().normalize().getParent();
    private static final Path SCRIPT = ROOT.resolve("docs/examples/ci/package.sh");
    private static final Path SAMPLE = ROOT.resolve("sample-packages/packages/runtime-config");
    private static final String SUP = ROOT.resolve("bin/sup").toString();
    private static final String PACKAGE_FILE = "acme-runtime-config-1.4.0.sup";

    @TempDir
    static Path keys;

    @TempDir
    Path work;

    @BeforeAll
    static void keygen() throws Exception {
        for (String name : List.of("release", "other")) {
            Result keygen = run(ROOT, Map.of(), SUP, "keygen", "--out", keys.resolve(name).toString());
            assertThat(keygen.exit).as(keygen.describe()).isZero();
        }
    }

    @Test
    void packageSh_signsAPackageThatVerifies_andTwoRunsGiveTheSameBytes() throws Exception {
        Path spec = copyOfSample("spec");

        // The key as a file (a CI secret file), sup as bin/sup of the checkout it runs in.
        Result first = run(ROOT, Map.of("SUP_SIGNING_KEY_FILE", key("release"), "SUP_TRUST", pub("release")),
                SCRIPT.toString(), spec.toString(), work.resolve("dist1").toString());
        assertThat(first.exit).as(first.describe()).isZero();
        Path artifact = work.resolve("dist1").resolve(PACKAGE_FILE);
        String sha256 = sha256(artifact);
        assertThat(first.stdout.lines().toList())
                .containsExactly("SUP_ARTIFACT=" + artifact, "SUP_SHA256=" + sha256);
        assertThat(work.resolve("dist1").resolve(PACKAGE_FILE + ".sha256"))
                .hasContent(sha256 + "  " + PACKAGE_FILE);
        assertThat(first.stderr).contains(spec.resolve("sup.yaml") + ": valid", "OK " + artifact);

        Result verify = run(ROOT, Map.of(), SUP, "verify", artifact.toString(), "--trust", pub("release"));
        assertThat(verify.exit).as(verify.describe()).isZero();
        Result inspect = run(ROOT, Map.of(), SUP, "inspect", artifact.toString(), "--json");
        assertThat(new ObjectMapper().readTree(inspect.stdout).path("manifest").path("created").asText())
                .as("outside a git checkout: sup's fixed time").isEqualTo("1980-01-01T00:00:00Z");

        // Again, from elsewhere: the key as PEM text (a CI secret variable), sup named by SUP.
        String pem = Files.readString(Path.of(key("release")));
        Result second = run(work, Map.of("SUP", SUP, "SUP_SIGNING_KEY", pem, "SUP_TRUST", pub("release")),
                SCRIPT.toString(), spec.toString(), "dist2");
        assertThat(second.exit).as(second.describe()).isZero();
        assertThat(second.stdout.lines().toList())
                .containsExactly("SUP_ARTIFACT=dist2/" + PACKAGE_FILE, "SUP_SHA256=" + sha256);
        assertThat(work.resolve("dist2").resolve(PACKAGE_FILE)).hasSameBinaryContentAs(artifact);
        assertThat(filesIn(work.resolve("dist2"))).containsExactly(PACKAGE_FILE, PACKAGE_FILE + ".sha256");
    }

    @Test
    void packageSh_inAGitCheckout_usesTheLastCommitsTime() throws Exception {
        assumeThat(run(work, Map.of(), "git", "--version").exit).as("git on the PATH").isZero();
        copyOfSample("repo/packages/runtime-config");
        Path repo = work.resolve("repo");
        Map<String, String> git = Map.of("HOME", work.toString(), "GIT_CONFIG_NOSYSTEM", "1",
                "GIT_AUTHOR_NAME", "CI", "GIT_AUTHOR_EMAIL", "ci@example.org", "GIT_COMMITTER_NAME", "CI",
                "GIT_COMMITTER_EMAIL", "ci@example.org", "GIT_AUTHOR_DATE", "2026-01-02T03:04:06Z",
                "GIT_COMMITTER_DATE", "2026-01-02T03:04:06Z");
        for (String[] command : List.of(new String[] {"git", "init", "-q", "."}, new String[] {"git", "add", "."},
                new String[] {"git", "commit", "-q", "-m", "the package"})) {
            Result r = run(repo, git, command);
            assertThat(r.exit).as(r.describe()).isZero();
        }

        Result packaged = run(repo, Map.of("SUP", SUP, "SUP_SIGNING_KEY_FILE", key("release"), "SUP_TRUST", pub("release")),
                SCRIPT.toString(), "packages/runtime-config", work.resolve("dist").toString());
        assertThat(packaged.exit).as(packaged.describe()).isZero();
        assertThat(packaged.stderr).contains("SOURCE_DATE_EPOCH=1767323046");
        Result inspect = run(ROOT, Map.of(), SUP, "inspect", work.resolve("dist").resolve(PACKAGE_FILE).toString(), "--json");
        assertThat(inspect.exit).as(inspect.describe()).isZero();
        assertThat(new ObjectMapper().readTree(inspect.stdout).path("manifest").path("created").asText())
                .isEqualTo("2026-01-02T03:04:06Z");
    }

    @Test
    void packageSh_brokenSpec_failsWithSupsErrorOnStderr() throws Exception {
        Path spec = copyOfSample("broken");
        Path yaml = spec.resolve("sup.yaml");
        Files.writeString(yaml, Files.readString(yaml).replace("source: logging.properties", "source: missing.properties"));

        Result result = run(ROOT, Map.of("SUP_SIGNING_KEY_FILE", key("release"), "SUP_TRUST", pub("release")),
                SCRIPT.toString(), spec.toString(), work.resolve("dist").toString());

        assertThat(result.exit).as(result.describe()).isEqualTo(1);
        assertThat(result.stderr).contains(yaml + ": error: actions[0].source: no such payload file 'missing.properties'");
        assertThat(result.stdout).isEmpty();
        assertThat(filesIn(work.resolve("dist"))).isEmpty();
    }

    @Test
    void packageSh_keyTheGatewaysDoNotTrust_failsWithExit3AndLeavesNoPackage() throws Exception {
        Path spec = copyOfSample("spec");

        Result result = run(ROOT, Map.of("SUP_SIGNING_KEY_FILE", key("release"), "SUP_TRUST", pub("other")),
                SCRIPT.toString(), spec.toString(), work.resolve("dist").toString());

        assertThat(result.exit).as(result.describe()).isEqualTo(3);
        assertThat(result.stderr).contains("none of which is in the trust store " + pub("other"));
        assertThat(result.stdout).isEmpty();
        assertThat(filesIn(work.resolve("dist"))).isEmpty();
    }

    @Test
    void packageSh_withoutAKey_isAUsageError() throws Exception {
        Result result = run(ROOT, Map.of("SUP_TRUST", pub("release")), SCRIPT.toString(), copyOfSample("spec").toString());

        assertThat(result.exit).as(result.describe()).isEqualTo(2);
        assertThat(result.stderr).contains("set SUP_SIGNING_KEY");
    }

    private static String key(String name) {
        return keys.resolve(name + ".key").toString();
    }

    private static String pub(String name) {
        return keys.resolve(name + ".pub").toString();
    }

    private Path copyOfSample(String where) throws IOException {
        return Trees.copy(SAMPLE, work.resolve(where));
    }

    private static List<String> filesIn(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(f -> f.getFileName().toString()).sorted().toList();
        }
    }

    private static String sha256(Path file) throws Exception {
        return java.util.HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }

    private record Result(List<String> command, int exit, String stdout, String stderr) {
        String describe() {
            return "$ " + String.join(" ", command) + "\nexit " + exit + "\n--- stdout\n" + stdout + "--- stderr\n" + stderr;
        }
    }

    /** Runs a command in {@code dir} as CI would (CI=true, no terminal), with none of the script's variables set but {@code env}. */
    private static Result run(Path dir, Map<String, String> env, String... command) throws Exception {
        Path out = Files.createTempFile("pipeline-it", ".out");
        Path err = Files.createTempFile("pipeline-it", ".err");
        try {
            ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile())
                    .redirectOutput(out.toFile()).redirectError(err.toFile());
            Map<String, String> environment = pb.environment();
            for (String name : List.of("SUP", "SUP_SIGNING_KEY", "SUP_SIGNING_KEY_FILE", "SUP_TRUST", "SUP_THRESHOLD",
                    "SOURCE_DATE_EPOCH")) {
                environment.remove(name);
            }
            environment.put("CI", "true");
            environment.putAll(env);
            Process process = pb.start();
            process.getOutputStream().close();
            if (!process.waitFor(180, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("timed out: " + String.join(" ", command));
            }
            return new Result(new ArrayList<>(List.of(command)), process.exitValue(),
                    Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }
}
