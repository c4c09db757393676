package org.suptools.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.suptools.samples.runtime.RuntimeHomeLayout;
import org.suptools.samples.runtime.SampleRuntime;

/**
 * Runs the source tree's real launchers ({@code bin/sup}, {@code bin/sup-installer}, {@code
 * bin/sup-sandbox}) and the sample runtime's {@code runtime-ctl} as separate processes, the way a
 * user runs them, from the repository root.
 */
final class Launchers {

    /** The repository root: failsafe runs in the module directory, whose parent it is. */
    static final Path ROOT = Path.of(System.getProperty("basedir", System.getProperty("user.dir")))
            .toAbsolutePath().normalize().getParent();

    /**
     * The launchers' hooks for JVM options ({@code SUP_PORTAL_JAVA_OPTS}, {@code SUP_SANDBOX_JAVA_OPTS},
     * {@code SUP_INSTALLER_JAVA_OPTS}) set to the option bin/sup-agent itself runs with: only the quick
     * (C1) compiler. A short command then spends about a third less CPU time (measured on the 2-core
     * machine: {@code thing add} 1.3 s to 0.9 s, a sandbox 0.9 s to 0.6 s), which counts when a
     * campaign test runs it dozens of times; what the command does is the same.
     */
    static final Map<String, String> QUICK_JIT = Map.of("SUP_PORTAL_JAVA_OPTS", "-XX:TieredStopAtLevel=1",
            "SUP_SANDBOX_JAVA_OPTS", "-XX:TieredStopAtLevel=1", "SUP_INSTALLER_JAVA_OPTS", "-XX:TieredStopAtLevel=1");

    /** A hang guard, far above what any command takes once the jars are built (the demo, the slowest, about 10 s). */
    static final Duration TIMEOUT = Duration.ofSeconds(120);

    private Launchers() {
    }

    /** What a command returned: its exit code, its output (after the command line, stdout and stderr) and its time. */
    record Result(int exit, String output, Duration elapsed) {
    }

    static Result sup(String... args) throws Exception {
        return run(ROOT.resolve("bin/sup"), args);
    }

    static Result installer(String... args) throws Exception {
        return run(ROOT.resolve("bin/sup-installer"), args);
    }

    static Result sandbox(String... args) throws Exception {
        return run(ROOT.resolve("bin/sup-sandbox"), args);
    }

    /** A key pair made by {@code bin/sup keygen}, and the key id it reported. */
    record Keys(Path privateKey, Path publicKey, String keyId) {
    }

    /** {@code bin/sup keygen --out base [options]}: {@code base.key} and {@code base.pub}. */
    static Keys keygen(Path base, String... options) throws Exception {
        Files.createDirectories(base.getParent());
        List<String> args = new ArrayList<>(List.of("keygen", "--json", "--out", base.toString()));
        args.addAll(List.of(options));
        Result keygen = sup(args.toArray(String[]::new));
        assertThat(keygen.exit()).as(keygen.output()).isZero();
        String keyId = InstallReport.JSON.readTree(keygen.output().substring(keygen.output().indexOf('{')))
                .path("keyId").asText();
        Keys keys = new Keys(base.resolveSibling(base.getFileName() + ".key"),
                base.resolveSibling(base.getFileName() + ".pub"), keyId);
        assertThat(keys.privateKey()).isRegularFile();
        assertThat(keys.publicKey()).isRegularFile();
        return keys;
    }

    /**
     * {@code bin/sup-sandbox gateway --trust publicKey [options]}: a gateway config and a runtime
     * home whose sample runtime runs, healthy (stopped with {@code --no-start}). Returns the runtime home.
     */
    static Path sandbox(Path gateway, Path publicKey, String... options) throws Exception {
        return sandbox(Map.of(), gateway, publicKey, options);
    }

    /** {@link #sandbox(Path, Path, String...)} with these variables added to the environment. */
    static Path sandbox(Map<String, String> environment, Path gateway, Path publicKey, String... options)
            throws Exception {
        List<String> args = new ArrayList<>(List.of(gateway.toString(), "--trust", publicKey.toString()));
        args.addAll(List.of(options));
        Result sandbox = run(environment, ROOT.resolve("bin/sup-sandbox"), args.toArray(String[]::new));
        assertThat(sandbox.exit()).as(sandbox.output()).isZero();
        Path home = gateway.resolve("dwcore");
        if (List.of(options).contains("--no-start")) {
            assertThat(runtimeStatus(home)).as("sandbox runtime left stopped").isEqualTo(1);
        } else {
            assertThat(runtimeStatus(home)).as("sandbox runtime healthy").isZero();
        }
        return home;
    }

    /** {@code runtime-ctl status}: 0 running and healthy, 1 not running, 2 running but unhealthy. */
    static int runtimeStatus(Path home) throws Exception {
        return run(home.resolve(RuntimeHomeLayout.CTL), "status", home.toString()).exit();
    }

    /** Stops the runtime of a home, if the home has one; for clean-up, so it never fails. */
    static void stopRuntime(Path home) throws Exception {
        Path ctl = home.resolve(RuntimeHomeLayout.CTL);
        if (Files.isRegularFile(ctl)) {
            run(ctl, "stop", home.toString());
        }
    }

    /**
     * Runs a program to its end, its output into a file rather than a pipe: a runtime it starts in
     * the background cannot then hold the test up, and the timeout really applies.
     */
    static Result run(Path program, String... args) throws Exception {
        return run(Map.of(), program, args);
    }

    /** {@link #run(Path, String...)} with these variables added to the environment. */
    static Result run(Map<String, String> environment, Path program, String... args) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(program.toString());
        command.addAll(List.of(args));
        Path output = Files.createTempFile("sup-e2e", ".out");
        try {
            long start = System.nanoTime();
            ProcessBuilder builder = new ProcessBuilder(command).directory(ROOT.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                    .redirectOutput(output.toFile()).redirectErrorStream(true);
            builder.environment().putAll(environment);
            Process process = builder.start();
            if (!process.waitFor(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                throw new AssertionError("timed out after " + TIMEOUT.toSeconds() + " s: " + String.join(" ", command)
                        + "\n" + Files.readString(output, StandardCharsets.UTF_8));
            }
            Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
            String text = "$ " + String.join(" ", command) + "\n" + Files.readString(output, StandardCharsets.UTF_8);
            return new Result(process.exitValue(), text, elapsed);
        } finally {
            Files.deleteIfExists(output);
        }
    }

    /**
     * The live processes with an argument inside {@code dir}: the runtimes of the runtime homes
     * below it (a runtime is started with its home as an argument), once no launcher runs there.
     */
    static List<ProcessHandle> runtimesUnder(Path dir) throws IOException {
        String real = dir.toRealPath().toString();
        return ProcessHandle.allProcesses()
                .filter(p -> p.info().arguments().stream().flatMap(Stream::of)
                        .anyMatch(arg -> arg.equals(real) || arg.startsWith(real + "/")))
                .toList();
    }

    /** The pid in the runtime's pid file, if there is one. */
    static Optional<Long> runtimePid(Path home) throws IOException {
        Path file = home.resolve(SampleRuntime.PID_FILE);
        return Files.isRegularFile(file) ? Optional.of(Long.parseLong(Files.readString(file).strip()))
                : Optional.empty();
    }

    /**
     * The launchers rebuild a module (with Maven, inside the test) when its jar is older than the
     * root pom or a source. The reactor ({@code -am}) has just packaged these modules, but the jar
     * plugin leaves a jar whose content did not change untouched, so after an edit of the root pom
     * every launcher call would start a Maven build. Give such a jar the time of its newest input.
     */
    static void seeFreshJars() throws IOException {
        freshen("sup-cli/target/sup-cli.jar", "sup-model", "sup-command-line", "sup-cli");
        freshen("sup-installer/target/sup-installer.jar", "sup-model", "sup-tr50", "sup-installer-api",
                "sup-command-line", "sup-installer");
        freshen("sample-packages/target/sample-runtime.jar", "sup-model", "sample-packages");
        freshen("sup-portal/target/sup-portal.jar", "sup-tr50", "sup-command-line", "sup-portal");
        freshen("sup-agent/target/sup-agent.jar", "sup-model", "sup-tr50", "sup-installer-api", "sup-command-line",
                "sup-agent");
    }

    private static void freshen(String jar, String... modules) throws IOException {
        Path jarFile = ROOT.resolve(jar);
        if (!Files.isRegularFile(jarFile)) {
            return;
        }
        FileTime newest = Files.getLastModifiedTime(ROOT.resolve("pom.xml"));
        for (String module : modules) {
            for (Path input : List.of(ROOT.resolve(module + "/pom.xml"), ROOT.resolve(module + "/src/main"))) {
                if (!Files.exists(input)) {
                    continue;
                }
                try (Stream<Path> files = Files.walk(input)) {
                    for (Path f : files.toList()) {
                        FileTime t = Files.getLastModifiedTime(f);
                        if (t.compareTo(newest) > 0) {
                            newest = t;
                        }
                    }
                }
            }
        }
        if (Files.getLastModifiedTime(jarFile).compareTo(newest) <= 0) {
            Files.setLastModifiedTime(jarFile, FileTime.fromMillis(newest.toMillis() + 1000));
        }
    }
}
