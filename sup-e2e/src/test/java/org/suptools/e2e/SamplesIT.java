package org.suptools.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.suptools.samples.runtime.RuntimeHomeLayout;

/**
 * Every sample under {@code sample-packages/packages/}, end to end with the real launchers: copied
 * to a temporary directory (payloads generated where needed), built and signed with {@code bin/sup
 * build}, verified with {@code bin/sup verify}, and installed with {@code bin/sup-installer
 * install} on its own sandbox gateway (the sample runtime, running). Then the runtime home, the
 * runtime's health, {@code confirmation.json}, the audit log and the TR50 reply are checked.
 */
class SamplesIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path ROOT = repositoryRoot();
    private static final Path SAMPLES = ROOT.resolve("sample-packages/packages");
    private static final String MAILBOX = "M-E2E-1";

    /** The samples the test knows what to expect from; a new sample must be added here. */
    private static final List<String> KNOWN = List.of(
            "app-bundle", "cert-rotation", "failing-on-purpose", "firmware-update", "runtime-config", "two-products");

    @TempDir
    static Path keys;

    @TempDir
    Path work;

    private final List<Path> sandboxes = new ArrayList<>();

    private static Path repositoryRoot() {
        // Failsafe runs in the module directory; the repository root is its parent.
        Path module = Path.of(System.getProperty("basedir", System.getProperty("user.dir"))).toAbsolutePath().normalize();
        return module.getParent();
    }

    @BeforeAll
    static void keygen() throws Exception {
        launchersSeeFreshJars();
        Result keygen = run(ROOT.resolve("bin/sup").toString(), "keygen", "--out", keys.resolve("e2e").toString());
        assertThat(keygen.exit).as(keygen.output).isZero();
        assertThat(keys.resolve("e2e.key")).isRegularFile();
        assertThat(keys.resolve("e2e.pub")).isRegularFile();
    }

    /**
     * The launchers rebuild a module (with Maven, inside this test) when its jar is older than the
     * root pom or a source. The reactor ({@code -am}) has just packaged these modules, but the jar
     * plugin leaves a jar whose content did not change untouched, so after an edit of the root pom
     * every launcher call would start a Maven build. Give such a jar the time of its newest input.
     */
    private static void launchersSeeFreshJars() throws IOException {
        freshen("sup-cli/target/sup-cli.jar", "sup-model", "sup-cli");
        freshen("sup-installer/target/sup-installer.jar", "sup-model", "sample-packages", "sup-installer");
    }

    private static void freshen(String jar, String... modules) throws IOException {
        Path jarFile = ROOT.resolve(jar);
        if (!Files.isRegularFile(jarFile)) {
            return;
        }
        java.nio.file.attribute.FileTime newest = Files.getLastModifiedTime(ROOT.resolve("pom.xml"));
        for (String module : modules) {
            for (Path input : List.of(ROOT.resolve(module + "/pom.xml"), ROOT.resolve(module + "/src/main"))) {
                if (!Files.exists(input)) {
                    continue;
                }
                try (Stream<Path> files = Files.walk(input)) {
                    for (Path f : files.toList()) {
                        java.nio.file.attribute.FileTime t = Files.getLastModifiedTime(f);
                        if (t.compareTo(newest) > 0) {
                            newest = t;
                        }
                    }
                }
            }
        }
        if (Files.getLastModifiedTime(jarFile).compareTo(newest) <= 0) {
            Files.setLastModifiedTime(jarFile, java.nio.file.attribute.FileTime.fromMillis(newest.toMillis() + 1000));
        }
    }

    @AfterEach
    void stopRuntimes() throws Exception {
        for (Path sandbox : sandboxes) {
            Path home = sandbox.resolve("dwcore");
            Path ctl = home.resolve("runtime/bin/runtime-ctl");
            if (Files.isRegularFile(ctl)) {
                run(ctl.toString(), "stop", home.toString());
            }
        }
    }

    static Stream<String> samples() throws IOException {
        try (Stream<Path> dirs = Files.list(SAMPLES)) {
            return dirs.filter(d -> Files.isRegularFile(d.resolve("sup.yaml")))
                    .map(d -> d.getFileName().toString()).sorted().toList().stream();
        }
    }

    @Test
    void everySampleIsCovered() throws IOException {
        assertThat(samples().toList()).containsExactlyInAnyOrderElementsOf(KNOWN);
        for (String sample : KNOWN) {
            assertThat(SAMPLES.resolve(sample).resolve("README.md")).as(sample + " README").isRegularFile();
            assertThat(SAMPLES.resolve(sample).resolve("payload")).as(sample + " payload").isDirectory();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void sampleBuildsVerifiesAndInstalls(String sample) throws Exception {
        // Build and verify a copy, with generated payloads.
        Path source = copyTree(SAMPLES.resolve(sample), work.resolve("src/" + sample));
        if (sample.equals("firmware-update")) {
            RuntimeHomeLayout.firmwareArchive(source.resolve("payload/sample-runtime-1.1.0.tar.gz"), "1.1.0", true);
        }
        Path sup = work.resolve(sample + ".sup");
        Result build = sup("build", source.toString(), "-o", sup.toString(), "--key", keys.resolve("e2e.key").toString());
        assertThat(build.exit).as(build.output).isZero();
        assertThat(sup).isRegularFile();
        Result verify = sup("verify", sup.toString(), "--trust", keys.resolve("e2e.pub").toString());
        assertThat(verify.exit).as(verify.output).isZero();

        // A sandbox gateway of its own, with the sample runtime running.
        Path gw = work.resolve("gw");
        sandboxes.add(gw);
        Result sandbox = installer("sandbox", gw.toString(), "--trust", keys.resolve("e2e.pub").toString());
        assertThat(sandbox.exit).as(sandbox.output).isZero();
        Path home = gw.resolve("dwcore");
        assertThat(status(home)).as("runtime healthy before the install").isZero();
        Map<String, String> before = snapshot(home);

        Path reply = work.resolve("reply.json");
        Result install = installer("install", sup.toString(), "--config", gw.resolve("gateway.yaml").toString(),
                "--mailbox-id", MAILBOX, "--tr50-reply", reply.toString());
        JsonNode confirmation = JSON.readTree(home.resolve("logs/confirmation.json").toFile());
        List<String> audit = Files.readAllLines(home.resolve("logs/audit.log"));
        JsonNode tr50 = JSON.readTree(home.resolve("logs/tr50-reply.json").toFile());
        assertThat(JSON.readTree(reply.toFile())).as("--tr50-reply copy").isEqualTo(tr50);
        String name = confirmation.path("package").path("name").asText();
        String version = confirmation.path("package").path("version").asText();

        if (sample.equals("failing-on-purpose")) {
            assertThat(install.exit).as(install.output).isEqualTo(1);
            assertFailedAndRolledBack(confirmation, audit, tr50, name, version);
            assertThat(snapshot(home)).as("runtime home byte for byte as before").isEqualTo(before);
            assertThat(status(home)).as("runtime healthy after the rollback").isZero();
            return;
        }
        assertThat(install.exit).as(install.output).isZero();
        assertSucceeded(confirmation, audit, tr50, name, version);
        assertThat(status(home)).as("runtime healthy after the install").isZero();
        switch (sample) {
            case "runtime-config" -> {
                Properties user = properties(home.resolve("conf/dwcore.user.properties"));
                assertThat(user.getProperty("dw.http.port")).isEqualTo("8080");
                assertThat(user.getProperty("dw.log.level")).isEqualTo("INFO");
                assertThat(user).doesNotContainKey("dw.debug");
                assertThat(home.resolve("conf/logging.properties"))
                        .hasSameBinaryContentAs(SAMPLES.resolve(sample + "/payload/logging.properties"));
                assertThat(actionStatuses(confirmation)).containsExactly("succeeded", "succeeded", "succeeded");
            }
            case "firmware-update" -> {
                assertThat(home.resolve("runtime/VERSION")).hasContent("1.1.0");
                // The replaced 1.0.0 tree stays beside it as runtime.previous until the next update.
                assertThat(home.resolve("runtime.previous/VERSION")).hasContent("1.0.0");
                assertThat(home.resolve("runtime/bin/runtime-ctl")).isExecutable();
                Result st = installer("status", "--config", gw.resolve("gateway.yaml").toString(), "--json");
                assertThat(st.exit).as(st.output).isZero();
                assertThat(JSON.readTree(st.output.substring(st.output.indexOf('{'))).path("runtimeVersion").asText())
                        .isEqualTo("1.1.0");
            }
            case "app-bundle" -> {
                assertThat(home.resolve("apps/hello-app/VERSION")).hasContent("hello-app 2.0.0");
                assertThat(home.resolve("apps/hello-app/README.txt")).isRegularFile();
                assertThat(properties(home.resolve("apps/hello-app/conf/app.properties")).getProperty("greeting"))
                        .isEqualTo("Hello from the gateway");
                Properties registry = properties(home.resolve("apps/registry/hello-app.properties"));
                assertThat(registry.getProperty("app.version")).isEqualTo("2.0.0");
                assertThat(confirmation.path("actions").get(1).path("exitCode").asInt()).isZero();
                assertThat(confirmation.path("actions").get(1).path("outputTail").asText()).contains("registered hello-app 2.0.0");
            }
            case "two-products" -> {
                assertThat(properties(home.resolve("conf/dwcore.user.properties")).getProperty("dw.telemetry.interval"))
                        .isEqualTo("10s");
                assertThat(home.resolve("conf/edge-telemetry.conf")).doesNotExist();
                assertThat(home.resolve("conf/telemetry-profile.txt")).hasContent("telemetry profile: acme-10s");
                assertThat(actionStatuses(confirmation)).containsExactly("succeeded", "skipped", "succeeded");
                assertThat(audit).anyMatch(l -> l.contains("action 2/3 file.copy skipped"));
                // The same package on a dw-edge gateway: the other conditional action runs instead.
                Path edge = work.resolve("edge");
                sandboxes.add(edge);
                Result edgeSandbox = installer("sandbox", edge.toString(), "--trust", keys.resolve("e2e.pub").toString(),
                        "--product", "dw-edge");
                assertThat(edgeSandbox.exit).as(edgeSandbox.output).isZero();
                Path edgeHome = edge.resolve("dwcore");
                Result edgeInstall = installer("install", sup.toString(), "--config", edge.resolve("gateway.yaml").toString(),
                        "--mailbox-id", MAILBOX);
                assertThat(edgeInstall.exit).as(edgeInstall.output).isZero();
                JsonNode edgeConfirmation = JSON.readTree(edgeHome.resolve("logs/confirmation.json").toFile());
                assertSucceeded(edgeConfirmation, Files.readAllLines(edgeHome.resolve("logs/audit.log")),
                        JSON.readTree(edgeHome.resolve("logs/tr50-reply.json").toFile()), name, version);
                assertThat(actionStatuses(edgeConfirmation)).containsExactly("skipped", "succeeded", "succeeded");
                assertThat(edgeHome.resolve("conf/edge-telemetry.conf"))
                        .hasSameBinaryContentAs(SAMPLES.resolve(sample + "/payload/edge-telemetry.conf"));
                assertThat(properties(edgeHome.resolve("conf/dwcore.user.properties"))).doesNotContainKey("dw.telemetry.interval");
                assertThat(status(edgeHome)).as("dw-edge runtime healthy").isZero();
            }
            case "cert-rotation" -> {
                assertThat(home.resolve("conf/certs/gateway-ca.pem"))
                        .hasSameBinaryContentAs(SAMPLES.resolve(sample + "/payload/gateway-ca.pem"));
                assertThat(sha256(home.resolve("conf/certs/gateway-ca.pem")))
                        .isEqualTo("cebc9f39aa6365b355913bdc0126d7c3170ed8c4e9025ee2535ec215bd33edec");
                assertThat(actionStatuses(confirmation)).containsExactly("succeeded", "succeeded");
            }
            default -> throw new AssertionError("no expectations for sample " + sample + ": add them to SamplesIT");
        }
    }

    private static void assertSucceeded(JsonNode confirmation, List<String> audit, JsonNode tr50, String name, String version) {
        assertThat(confirmation.path("status").asText()).as(confirmation.toPrettyString()).isEqualTo("succeeded");
        assertThat(confirmation.path("errorCode").asInt()).isZero();
        assertThat(confirmation.path("request").path("mailboxId").asText()).isEqualTo(MAILBOX);
        assertThat(confirmation.path("completedAt").isNull()).isFalse();
        for (JsonNode action : confirmation.path("actions")) {
            assertThat(action.path("status").asText()).as(action.toString()).isIn("succeeded", "skipped");
        }
        String prefix = "SUP " + name + " " + version + ": ";
        assertThat(audit).anyMatch(l -> l.contains(" INFO " + prefix + "install started (mailbox " + MAILBOX + ")"));
        assertThat(audit.get(audit.size() - 1)).contains(" INFO " + prefix + "installed successfully");
        assertThat(audit).noneMatch(l -> l.contains(" ERROR "));
        List<JsonNode> logs = logPublishes(tr50);
        assertThat(logs).hasSize(auditLinesOfInstall(audit, prefix));
        assertThat(logs).allSatisfy(m -> {
            assertThat(m.path("corrId").asText()).isEqualTo(MAILBOX);
            assertThat(m.path("thingKey").asText()).isEqualTo("sandbox-gateway");
        });
        assertThat(logs.get(logs.size() - 1).path("msg").asText()).isEqualTo(prefix + "installed successfully");
        JsonNode ack = ack(tr50);
        assertThat(ack.path("id").asText()).isEqualTo(MAILBOX);
        assertThat(ack.path("errorCode").asInt()).isZero();
        assertThat(ack.path("errorMessage").asText()).isEmpty();
        assertThat(ack.path("params").path("status").asText()).isEqualTo("success");
        assertThat(ack.path("params").path("name").asText()).isEqualTo(name);
        assertThat(ack.path("params").path("version").asText()).isEqualTo(version);
    }

    private static void assertFailedAndRolledBack(JsonNode confirmation, List<String> audit, JsonNode tr50, String name, String version) {
        assertThat(confirmation.path("status").asText()).as(confirmation.toPrettyString()).isEqualTo("rolled-back");
        assertThat(confirmation.path("errorCode").asInt()).isEqualTo(-90110);
        assertThat(confirmation.path("error").asText()).isEqualTo("action-failed");
        assertThat(actionStatuses(confirmation)).containsExactly("rolled-back", "rolled-back", "failed", "not-run");
        String prefix = "SUP " + name + " " + version + ": ";
        assertThat(audit).anyMatch(l -> l.contains(" ERROR " + prefix + "action 3/4 verify failed"));
        int failed = indexOf(audit, prefix + "action 3/4 verify failed");
        int second = indexOf(audit, prefix + "action 2/4 properties.set rolled back");
        int first = indexOf(audit, prefix + "action 1/4 file.copy rolled back");
        assertThat(failed).isLessThan(second);
        assertThat(second).isLessThan(first);
        assertThat(audit.get(second)).contains(" WARNING ");
        assertThat(audit.get(audit.size() - 1)).contains(" ERROR " + prefix + "failed and rolled back");
        List<JsonNode> logs = logPublishes(tr50);
        assertThat(logs).hasSize(auditLinesOfInstall(audit, prefix));
        assertThat(logs).anyMatch(m -> m.path("level").asInt() == 0 && m.path("msg").asText().contains("verify failed"));
        assertThat(logs).anyMatch(m -> m.path("level").asInt() == 1 && m.path("msg").asText().contains("rolled back"));
        JsonNode ack = ack(tr50);
        assertThat(ack.path("id").asText()).isEqualTo(MAILBOX);
        assertThat(ack.path("errorCode").asInt()).isEqualTo(-90110);
        assertThat(ack.path("errorMessage").asText()).isNotEmpty();
        assertThat(ack.path("params").path("status").asText()).isEqualTo("failure");
        assertThat(ack.path("params").path("name").asText()).isEqualTo(name);
    }

    private static int indexOf(List<String> lines, String text) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(text)) {
                return i;
            }
        }
        throw new AssertionError("no line with '" + text + "' in " + lines);
    }

    private static int auditLinesOfInstall(List<String> audit, String prefix) {
        return (int) audit.stream().filter(l -> l.contains(prefix)).count();
    }

    private static List<String> actionStatuses(JsonNode confirmation) {
        List<String> statuses = new ArrayList<>();
        confirmation.path("actions").forEach(a -> statuses.add(a.path("status").asText()));
        return statuses;
    }

    /** The {@code log.publish} params of a TR50 envelope, in key order. */
    private static List<JsonNode> logPublishes(JsonNode tr50) {
        return messages(tr50).stream().filter(m -> m.path("command").asText().equals("log.publish"))
                .map(m -> m.path("params")).toList();
    }

    private static JsonNode ack(JsonNode tr50) {
        List<JsonNode> messages = messages(tr50);
        JsonNode last = messages.get(messages.size() - 1);
        assertThat(last.path("command").asText()).as("the last TR50 message").isEqualTo("mailbox.ack");
        return last.path("params");
    }

    private static List<JsonNode> messages(JsonNode tr50) {
        TreeMap<Integer, JsonNode> byKey = new TreeMap<>();
        tr50.fields().forEachRemaining(e -> byKey.put(Integer.parseInt(e.getKey()), e.getValue()));
        return new ArrayList<>(byKey.values());
    }

    private static Properties properties(Path file) throws IOException {
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            p.load(in);
        }
        return p;
    }

    /** Path to "type size sha256" (or "dir", or "link target") of every entry but logs/ and run/. */
    private static Map<String, String> snapshot(Path home) throws IOException {
        Map<String, String> tree = new TreeMap<>();
        try (Stream<Path> paths = Files.walk(home)) {
            for (Path p : paths.toList()) {
                String rel = home.relativize(p).toString();
                if (rel.equals("logs") || rel.startsWith("logs/") || rel.equals("run") || rel.startsWith("run/")) {
                    continue;
                }
                if (Files.isSymbolicLink(p)) {
                    tree.put(rel, "link " + Files.readSymbolicLink(p));
                } else if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                    tree.put(rel, "dir " + Files.getPosixFilePermissions(p));
                } else {
                    tree.put(rel, "file " + Files.size(p) + " " + sha256(p) + " " + Files.getPosixFilePermissions(p));
                }
            }
        }
        return tree;
    }

    private static String sha256(Path file) throws IOException {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Path copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path p : paths.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
        return to;
    }

    private static int status(Path home) throws Exception {
        return run(home.resolve("runtime/bin/runtime-ctl").toString(), "status", home.toString()).exit;
    }

    private static Result sup(String... args) throws Exception {
        return run(prepend(ROOT.resolve("bin/sup").toString(), args));
    }

    private static Result installer(String... args) throws Exception {
        return run(prepend(ROOT.resolve("bin/sup-installer").toString(), args));
    }

    private static String[] prepend(String first, String... rest) {
        String[] all = new String[rest.length + 1];
        all[0] = first;
        System.arraycopy(rest, 0, all, 1, rest.length);
        return all;
    }

    private record Result(int exit, String output) {
    }

    private static Result run(String... command) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(command).directory(ROOT.toFile()).redirectErrorStream(true);
        Process process = pb.start();
        process.getOutputStream().close();
        byte[] out;
        try (InputStream in = process.getInputStream()) {
            out = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("timed out: " + String.join(" ", command));
        }
        String output = "$ " + String.join(" ", command) + "\n" + new String(out, StandardCharsets.UTF_8);
        return new Result(process.exitValue(), output);
    }
}
