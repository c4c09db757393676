package org.suptools.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.suptools.e2e.InstallReport.JSON;
import static org.suptools.e2e.Launchers.ROOT;
import static org.suptools.e2e.Launchers.runtimePid;
import static org.suptools.e2e.Launchers.runtimeStatus;
import static org.suptools.e2e.Launchers.runtimesUnder;
import static org.suptools.e2e.Launchers.sup;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.suptools.e2e.Launchers.Result;
import org.suptools.model.action.Action;
import org.suptools.model.spec.SpecFiles;
import org.suptools.samples.runtime.RuntimeHomeLayout;
import org.suptools.samples.runtime.SampleRuntime;

/**
 * {@code bin/sup demo --single-gateway} exactly as a user runs it, from the repository root: the real launcher,
 * which runs the real {@code bin/sup-installer} to make a sandbox gateway and install the sample
 * on it. The assertions read what the demo printed and check it against the files it names and
 * the runtime it left running; then the demo runs again in the same directory, and once more with
 * {@code --stop}.
 */
class DemoIT {

    private static final Path SAMPLE = ROOT.resolve("sample-packages/packages/runtime-config");
    /** The made-up campaign mailbox id the demo installs with, as it prints it. */
    private static final String MAILBOX = "sup-demo-mailbox";

    /** The work directory: under target, so the demo shows its paths relative to the repository root. */
    private static Path dir;

    @BeforeAll
    static void workDirectory() throws Exception {
        Launchers.seeFreshJars();
        Path target = ROOT.resolve("sup-e2e/target");
        Files.createDirectories(target);
        dir = Files.createTempDirectory(target, "demo-it-");
    }

    /** No runtime outlives the test: stopped the way the demo says, and anything left of it killed. */
    @AfterAll
    static void stopRuntimes() throws Exception {
        Launchers.stopRuntime(dir.resolve("gateway/dwcore"));
        List<ProcessHandle> left = runtimesUnder(dir);
        left.forEach(ProcessHandle::destroyForcibly);
        assertThat(left).as("runtimes still running after runtime-ctl stop").isEmpty();
    }

    @Test
    void demo_installsTheSampleOnARunningSandbox_runsAgainInTheSameDirectory_andStopsTheRuntimeWithStop()
            throws Exception {
        Path home = dir.resolve("gateway/dwcore");

        Demo first = demo();
        first.assertInstalledTheSample();
        long firstPid = assertRunningAndHealthy(home);
        assertThat(first.output()).contains("The sandbox runtime is still running", "Stop it with:",
                shown(home.resolve(RuntimeHomeLayout.CTL)) + " stop " + shown(home));

        Demo second = demo();
        second.assertInstalledTheSample();
        assertThat(second.output()).contains("stopped the sandbox runtime of the previous run");
        assertThat(second.keyId()).as("a new throwaway key").isNotEqualTo(first.keyId());
        assertThat(ProcessHandle.of(firstPid).filter(ProcessHandle::isAlive)).as("the first run's runtime").isEmpty();
        long secondPid = assertRunningAndHealthy(home);

        Result stopOnly = sup("demo", "--stop-only", "--dir", dir.toString());
        assertThat(stopOnly.exit()).as(stopOnly.output()).isZero();
        assertThat(stopOnly.output()).contains("Stopped 1 process the demo left running in");
        // Stopped is gone once its parent has reaped it: a moment after runtime-ctl stop returns.
        ProcessHandle.of(secondPid).ifPresent(runtime -> runtime.onExit().orTimeout(10, TimeUnit.SECONDS).join());
        assertThat(runtimesUnder(dir)).as("runtimes of the demo's gateway after --stop-only").isEmpty();

        Demo stopped = demo("--stop");
        stopped.assertInstalledTheSample();
        assertThat(stopped.output()).contains("The sandbox runtime is stopped (--stop).")
                .doesNotContain("The sandbox runtime is still running");
        assertThat(ProcessHandle.of(secondPid).filter(ProcessHandle::isAlive)).as("the second run's runtime").isEmpty();
        assertThat(runtimesUnder(dir)).as("runtimes of the demo's gateway").isEmpty();
        assertThat(home.resolve(SampleRuntime.PID_FILE)).doesNotExist();
        assertThat(runtimeStatus(home)).as("runtime-ctl status: not running").isEqualTo(1);

        System.out.printf("sup demo --single-gateway took %s, %s and %s (with --stop); the demo's own clock: %s, %s, "
                + "%s%n",
                first.elapsed(), second.elapsed(), stopped.elapsed(), first.demoTime(), second.demoTime(),
                stopped.demoTime());
    }

    private static Demo demo(String... options) throws Exception {
        List<String> args = new ArrayList<>(List.of("demo", "--single-gateway", "--dir", dir.toString()));
        args.addAll(List.of(options));
        Result result = sup(args.toArray(String[]::new));
        assertThat(result.exit()).as(result.output()).isZero();
        return new Demo(result);
    }

    /** The runtime of the home: its pid file names a live process of this home, and /health answers 200. */
    private static long assertRunningAndHealthy(Path home) throws Exception {
        long pid = runtimePid(home).orElseThrow(() -> new AssertionError("no pid file in " + home));
        assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive)).as("runtime pid %d alive", pid).isPresent();
        assertThat(runtimesUnder(dir)).extracting(ProcessHandle::pid).containsExactly(pid);
        int port = Integer.parseInt(Files.readString(home.resolve(SampleRuntime.PORT_FILE)).strip());
        HttpRequest get = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health"))
                .timeout(Duration.ofSeconds(10)).build();
        HttpResponse<String> health = HttpClient.newHttpClient().send(get, HttpResponse.BodyHandlers.ofString());
        assertThat(health.statusCode()).as(health.body()).isEqualTo(200);
        assertThat(runtimeStatus(home)).as("runtime-ctl status: running and healthy").isZero();
        return pid;
    }

    /** A path as the demo prints it: relative to the repository root, where it runs. */
    private static String shown(Path path) {
        return ROOT.relativize(path).toString();
    }

    /** One run of the demo and what it printed. */
    private record Demo(Result result) {

        String output() {
            return result.output();
        }

        /**
         * Every action of the sample succeeded, with a time; the audit lines, the TR50 reply and
         * the files it names are the real ones.
         */
        void assertInstalledTheSample() throws Exception {
            assertThat(output()).contains("work directory: ", "3. verified against", "4. sandbox gateway",
                    "installer exit code 0", "Result: succeeded");

            List<Action> actions = SpecFiles.loadValid(SAMPLE, Instant.now()).spec().actions();
            String rows = section("Actions:", "Audit log lines of this install");
            assertThat(rows.lines()).as(rows).hasSize(actions.size());
            for (int i = 0; i < actions.size(); i++) {
                Action action = actions.get(i);
                int index = i + 1;
                String type = Pattern.quote(action.type().typeName());
                String id = Pattern.quote(action.id());
                assertThat(rows).as("summary row of action %d", index).containsPattern(
                        "(?m)^  " + index + "\\. " + type + " +" + id + " +succeeded +\\d+\\.\\d\\d s  \\S");
                assertThat(output()).as("progress line of action %d", index).containsPattern(
                        "(?m)^   \\[" + index + "/" + actions.size() + "\\] " + type + " " + id
                                + " succeeded in \\d+\\.\\d\\d s: ");
            }

            Map<String, Path> files = files();
            assertThat(files.keySet()).contains("package", "keys", "gateway config", "runtime home", "confirmation",
                    "audit log", "TR50 reply");
            assertThat(files.get("package")).isRegularFile().hasFileName("acme-runtime-config-1.4.0.sup");
            assertThat(files.get("keys").resolve("demo.key")).isRegularFile();
            assertThat(files.get("keys").resolve("demo.pub")).isRegularFile();
            assertThat(files.get("gateway config")).isRegularFile();
            assertThat(files.get("runtime home")).isEqualTo(dir.resolve("gateway/dwcore"));
            assertThat(output()).contains("private " + shown(files.get("keys").resolve("demo.key")),
                    "public  " + shown(files.get("keys").resolve("demo.pub")));

            Path home = files.get("runtime home");
            InstallReport report = InstallReport.of(home);
            assertThat(files.get("confirmation")).isEqualTo(home.resolve("logs/confirmation.json"));
            assertThat(output()).contains("--mailbox-id " + MAILBOX);
            assertThat(output()).as("commands the user can type from the repository root")
                    .contains("  bin/sup inspect " + shown(files.get("package")) + " --json");
            report.assertSucceeded(MAILBOX);
            assertThat(report.actionStatuses()).hasSize(actions.size()).containsOnly("succeeded");

            assertThat(files.get("audit log")).isEqualTo(home.resolve("logs/audit.log"));
            String audit = section("Audit log lines of this install (" + shown(files.get("audit log")) + "):",
                    "TR50 reply");
            assertThat(audit.lines().map(String::strip)).as("the audit lines printed are the file's")
                    .containsExactlyElementsOf(report.audit());
            String prefix = report.prefix();
            assertThat(report.audit().get(0)).contains(" INFO " + prefix + "install started (mailbox " + MAILBOX + ")");
            for (int index = 1; index <= actions.size(); index++) {
                assertThat(report.audit().get(index)).endsWith(" INFO " + report.actionLine(index, actions.size())
                        + " succeeded");
            }
            assertThat(report.audit()).hasSize(actions.size() + 2);
            assertThat(report.audit().get(actions.size() + 1)).endsWith(" INFO " + prefix + "installed successfully");

            assertThat(files.get("TR50 reply")).isEqualTo(home.resolve("logs/tr50-reply.json"));
            JsonNode printed = JSON.readTree(section("TR50 reply (" + shown(files.get("TR50 reply")) + "):",
                    "Where the files are:"));
            assertThat(printed).as("the TR50 reply printed is the file's").isEqualTo(report.tr50());
            List<String> messages = report.audit().stream().map(l -> l.substring(l.indexOf(prefix))).toList();
            assertThat(report.logPublishes()).extracting(m -> m.path("msg").asText())
                    .as("one TR50 log message per audit line, the same text").containsExactlyElementsOf(messages);

            assertThat(demoTime()).as("the demo's own time").isNotEmpty();
        }

        /** The "Where the files are:" table, label to path (resolved against the repository root). */
        Map<String, Path> files() {
            Map<String, Path> files = new LinkedHashMap<>();
            Matcher row = Pattern.compile("(?m)^  (\\S+(?: \\S+)*?) {2,}(\\S+)").matcher(
                    section("Where the files are:", "The sandbox runtime"));
            while (row.find()) {
                files.put(row.group(1), ROOT.resolve(row.group(2)));
            }
            return files;
        }

        String keyId() {
            Matcher id = Pattern.compile("key id ([0-9a-f]{16})").matcher(output());
            assertThat(id.find()).as(output()).isTrue();
            return id.group(1);
        }

        /** How long the process took, start-up of the launcher included. */
        String elapsed() {
            return String.format(Locale.ROOT, "%.1f s", result.elapsed().toMillis() / 1000.0);
        }

        /** What the demo's last line says it took. */
        String demoTime() {
            Matcher took = Pattern.compile("The demo took ([0-9.]+ s)\\.").matcher(output());
            return took.find() ? took.group(1) : "";
        }

        /** The lines after the one starting with {@code header}, up to the line starting with {@code end}. */
        String section(String header, String end) {
            List<String> lines = output().lines().toList();
            int start = -1;
            for (int i = 0; i < lines.size(); i++) {
                if (start < 0 && lines.get(i).startsWith(header)) {
                    start = i + 1;
                } else if (start >= 0 && lines.get(i).startsWith(end)) {
                    return lines.subList(start, i).stream().filter(l -> !l.isBlank()).collect(Collectors.joining("\n"));
                }
            }
            throw new AssertionError("no section '" + header + "' ending at '" + end + "' in\n" + output());
        }
    }
}
