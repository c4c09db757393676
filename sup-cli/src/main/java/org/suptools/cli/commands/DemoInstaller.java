package org.suptools.cli.commands;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.PrintWriter;
import java.io.RandomAccessFile;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.LinkOption;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Comparator;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;
import com.fasterxml.jackson.databind.JsonNode;
import org.suptools.cli.SupHome;
import org.suptools.cli.output.JsonOutput;

/**
 * The installer half of {@code sup demo}: runs {@code bin/sup-installer} as a separate process (the
 * CLI does not depend on the installer). Its output goes to files in the demo's work directory, not
 * to pipes, so a runtime the installer starts in the background cannot hold the demo up by keeping
 * a pipe open; standard output is followed while the process runs, line by line.
 */
final class DemoInstaller {

    /** System property naming the installer launcher; default {@code <sup.home>/bin/sup-installer}. */
    static final String PROPERTY = "sup.installer";
    static final String LAUNCHER = "bin/sup-installer";
    /** The sandbox launcher, beside the installer's: demo support from sample-packages, not part of the installer. */
    static final String SANDBOX_LAUNCHER = "sup-sandbox";

    private static final Duration TIMEOUT = Duration.ofMinutes(3);
    /** The demo installs as a campaign would, so the TR50 reply ends with the portal's mailbox.ack. */
    static final String MAILBOX_ID = "sup-demo-mailbox";

    private final Path launcher;
    private final Path logDir;

    private DemoInstaller(Path launcher, Path logDir) {
        this.launcher = launcher;
        this.logDir = logDir;
    }

    /** Where the launcher should be (the property, else the source tree's), whether or not it exists. */
    static Optional<Path> expectedLauncher() {
        String value = System.getProperty(PROPERTY);
        if (value != null && !value.isBlank()) {
            return Optional.of(Path.of(value));
        }
        return SupHome.find().map(home -> home.resolve(LAUNCHER));
    }

    static Optional<DemoInstaller> find(Path logDir) {
        return expectedLauncher().filter(Files::isExecutable)
                .map(path -> new DemoInstaller(DemoCommand.shown(path), logDir));
    }

    Path launcher() {
        return launcher;
    }

    /** One action of the install as the events tell it. */
    private static final class ActionRow {
        final int index;
        final String id;
        final String type;
        String status = "not-run";
        Instant started;
        Instant ended;
        String message;

        ActionRow(int index, String id, String type) {
            this.index = index;
            this.id = id;
            this.type = type;
        }

        String duration() {
            return started == null || ended == null ? "" : seconds(Duration.between(started, ended));
        }
    }

    /**
     * The installer half: a fresh sandbox gateway in {@code <work>/gateway} trusting the demo key, the
     * install with its events followed, and the summary. Returns the exit code of the demo.
     */
    int demo(PrintWriter out, Path packageFile, Path publicKey, boolean stopAtEnd) throws IOException {
        Path work = logDir;
        Path gateway = work.resolve("gateway");
        Path runtimeHome = gateway.resolve("dwcore");
        Path ctl = runtimeHome.resolve("runtime/bin/runtime-ctl");
        out.println("The installer half, with " + launcher + " (a separate process):");
        if (Files.isExecutable(ctl)) {
            Process stopping = new ProcessBuilder(ctl.toAbsolutePath().toString(), "stop", runtimeHome.toAbsolutePath().toString())
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            try {
                if (!stopping.waitFor(60, TimeUnit.SECONDS)) {
                    stopping.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while stopping the previous sandbox runtime");
            }
            out.println("   stopped the sandbox runtime of the previous run");
        }
        deleteTree(gateway);

        long sandboxStart = System.nanoTime();
        Path sandboxLauncher = launcher.resolveSibling(SANDBOX_LAUNCHER);
        if (!Files.isExecutable(sandboxLauncher)) {
            out.println("4. creating the sandbox gateway failed: the sandbox launcher " + sandboxLauncher
                    + " is not there, beside the installer's");
            out.flush();
            return 2;
        }
        Run sandbox = run(sandboxLauncher, "sandbox", line -> { },
                gateway.toAbsolutePath().toString(), "--trust", publicKey.toAbsolutePath().toString());
        if (sandbox.exitCode() != 0) {
            out.println("4. creating the sandbox gateway failed (exit " + sandbox.exitCode() + "):");
            out.print(indent(sandbox.outText() + sandbox.errText()));
            out.flush();
            return sandbox.exitCode();
        }
        Path config = gateway.resolve("gateway.yaml");
        out.println("4. sandbox gateway " + config + " (" + seconds(Duration.ofNanos(System.nanoTime() - sandboxStart))
                + "): sample runtime running in " + runtimeHome + ", trusting " + publicKey);

        Path logs = runtimeHome.resolve("logs");
        Path audit = logs.resolve("audit.log");
        long auditBefore = Files.exists(audit) ? Files.size(audit) : 0;
        Map<Integer, ActionRow> rows = new TreeMap<>();
        String[] finished = new String[2];
        out.println("5. sup-installer install " + packageFile.getFileName() + " --config " + config
                + " --mailbox-id " + MAILBOX_ID + " --events");
        out.println("   as a campaign starts it: the made-up mailbox id gets the mailbox.ack in the TR50 reply");
        out.flush();
        long installStart = System.nanoTime();
        Run install = run("install", line -> onEvent(out, line, rows, finished), "install",
                packageFile.toAbsolutePath().toString(), "--config", config.toAbsolutePath().toString(),
                "--mailbox-id", MAILBOX_ID, "--events");
        Duration installTime = Duration.ofNanos(System.nanoTime() - installStart);
        out.println("   installer exit code " + install.exitCode() + " after " + seconds(installTime));
        String summary = install.errText().strip();
        if (!summary.isEmpty()) {
            out.print(indent(summary + "\n"));
        }

        out.println();
        out.println("Summary");
        out.println();
        out.println("Result: " + (finished[0] == null ? "no result (see " + install.err() + ")" : finished[0])
                + (finished[1] == null || finished[1].isBlank() ? "" : ": " + finished[1]));
        out.println();
        out.println("Actions:");
        for (ActionRow row : rows.values()) {
            out.printf("  %d. %-20s %-12s %-11s %8s  %s%n", row.index, row.type, row.id, row.status, row.duration(),
                    row.message == null ? "" : row.message);
        }
        out.println();
        out.println("Audit log lines of this install (" + audit + "):");
        if (Files.exists(audit)) {
            byte[] all = Files.readAllBytes(audit);
            String added = new String(all, (int) Math.min(auditBefore, all.length),
                    (int) Math.max(0, all.length - auditBefore), StandardCharsets.UTF_8);
            out.print(indent(added));
        } else {
            out.println("  (none written)");
        }
        out.println();
        Path reply = logs.resolve("tr50-reply.json");
        out.println("TR50 reply (" + reply + "):");
        if (Files.exists(reply)) {
            StringWriter pretty = new StringWriter();
            JsonOutput.print(new PrintWriter(pretty), JsonOutput.parse(Files.readAllBytes(reply)));
            out.print(indent(pretty.toString()));
        } else {
            out.println("  (none written)");
        }
        out.println();
        out.println("Where the files are:");
        out.println("  package          " + packageFile);
        out.println("  keys             " + publicKey.getParent());
        out.println("  gateway config   " + config);
        out.println("  runtime home     " + runtimeHome);
        out.println("  confirmation     " + logs.resolve("confirmation.json"));
        out.println("  audit log        " + audit);
        out.println("  TR50 reply       " + reply);
        out.println("  installer state  " + gateway.resolve("state") + " (journal, inventory, history)");
        out.println("  installer output " + install.out() + " (events), " + install.err());
        out.println();
        String stopCommand = ctl + " stop " + runtimeHome;
        if (stopAtEnd) {
            Run stopped = runCommand(ctl.toAbsolutePath(), "stop", runtimeHome.toAbsolutePath().toString());
            out.println(stopped.exitCode() == 0 ? "The sandbox runtime is stopped (--stop)."
                    : "Stopping the sandbox runtime failed (exit " + stopped.exitCode() + "): " + stopCommand);
        } else {
            out.println("The sandbox runtime is still running, so you can look at it and install more on it:");
            out.println("  " + launcher + " status --config " + config);
            out.println("Stop it with:");
            out.println("  " + stopCommand);
            out.println("(or run the demo with --stop; a new run of the demo stops it first)");
        }
        out.flush();
        return install.exitCode();
    }

    private Run runCommand(Path program, String... arguments) throws IOException {
        Process process = new ProcessBuilder(Stream.concat(Stream.of(program.toString()), Stream.of(arguments)).toList())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return new Run(-1, null, null);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while running " + program);
        }
        return new Run(process.exitValue(), null, null);
    }

    /** Prints one event of the --events stream as a line, and keeps what the summary needs. */
    private static void onEvent(PrintWriter out, String line, Map<Integer, ActionRow> rows, String[] finished) {
        JsonNode event;
        try {
            event = JsonOutput.parse(line.getBytes(StandardCharsets.UTF_8));
        } catch (UncheckedIOException e) {
            out.println("   " + line);
            out.flush();
            return;
        }
        String kind = event.path("event").asText();
        Instant at = instant(event.path("at").asText(null));
        int index = event.path("index").asInt(0);
        String where = "   [" + index + "/" + event.path("total").asInt(rows.size()) + "] "
                + event.path("type").asText("") + " " + event.path("id").asText("");
        ActionRow row = rows.get(index);
        switch (kind) {
            case "started" -> out.println("   started, install id " + event.path("installId").asText());
            case "verified" -> out.println("   verified: " + event.path("package").path("name").asText() + " "
                    + event.path("package").path("version").asText() + ", signed by "
                    + event.path("package").path("signers"));
            case "planned" -> {
                for (JsonNode action : event.path("actions")) {
                    rows.put(action.path("index").asInt(), new ActionRow(action.path("index").asInt(),
                            action.path("id").asText(""), action.path("type").asText("")));
                }
                out.println("   planned: " + rows.size() + " actions, every path inside the allowed roots");
            }
            case "refused" -> out.println("   REFUSED (" + event.path("error").asText() + ", "
                    + event.path("errorCode").asText() + "): " + event.path("message").asText());
            case "action-started" -> {
                if (row != null) {
                    row.started = at;
                    row.status = "in-progress";
                }
            }
            case "action-succeeded", "action-failed", "action-skipped" -> {
                String status = kind.substring("action-".length());
                String message = event.hasNonNull("message") ? event.path("message").asText()
                        : event.path("reason").asText("");
                if (row != null) {
                    row.ended = at;
                    row.status = status;
                    row.message = message;
                }
                out.println(where + " " + status + (row == null ? "" : " in " + row.duration()) + ": " + message);
            }
            case "rollback-started" -> out.println("   rolling back: " + event.path("reason").asText());
            case "action-rolled-back" -> {
                if (row != null) {
                    row.status = "rolled-back";
                }
                out.println(where + " rolled back");
            }
            case "action-rollback-failed" -> {
                if (row != null) {
                    row.status = "rollback-failed";
                }
                out.println(where + " COULD NOT BE ROLLED BACK: " + event.path("message").asText());
            }
            case "finished" -> {
                finished[0] = event.path("status").asText();
                finished[1] = event.path("message").asText("");
                out.println("   finished: " + finished[0] + (event.path("rebootRequired").asBoolean()
                        ? " (a reboot is required)" : ""));
            }
            default -> out.println("   " + line);
        }
        out.flush();
    }

    private static Instant instant(String text) {
        try {
            return text == null ? null : Instant.parse(text);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    static String seconds(Duration duration) {
        return String.format(Locale.ROOT, "%.2f s", duration.toNanos() / 1e9);
    }

    private static String indent(String text) {
        StringBuilder indented = new StringBuilder();
        text.lines().forEach(line -> indented.append("  ").append(line).append('\n'));
        return indented.toString();
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    /** What one run returned; {@code out} and {@code err} are the files holding its output. */
    record Run(int exitCode, Path out, Path err) {

        String outText() throws IOException {
            return Files.readString(out, StandardCharsets.UTF_8);
        }

        String errText() throws IOException {
            return Files.readString(err, StandardCharsets.UTF_8);
        }
    }

    /** Runs the installer launcher with the arguments; each complete line of its standard output goes to onLine as it comes. */
    Run run(String name, Consumer<String> onLine, String... arguments) throws IOException {
        return run(launcher, name, onLine, arguments);
    }

    /** Runs {@code program} with the arguments; each complete line of its standard output goes to onLine as it comes. */
    Run run(Path program, String name, Consumer<String> onLine, String... arguments) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(program.toAbsolutePath().toString());
        command.addAll(List.of(arguments));
        Path out = logDir.resolve(name + ".out");
        Path err = logDir.resolve(name + ".err");
        Process process = new ProcessBuilder(command)
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                .redirectOutput(out.toFile())
                .redirectError(err.toFile())
                .start();
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        try (RandomAccessFile reader = new RandomAccessFile(out.toFile(), "r")) {
            ByteArrayOutputStream pending = new ByteArrayOutputStream();
            while (true) {
                boolean finished = process.waitFor(50, TimeUnit.MILLISECONDS);
                follow(reader, pending, onLine);
                if (finished) {
                    break;
                }
                if (System.nanoTime() > deadline) {
                    process.descendants().forEach(ProcessHandle::destroyForcibly);
                    process.destroyForcibly();
                    throw new IOException(program + " " + arguments[0] + " did not finish within "
                            + TIMEOUT.toMinutes() + " minutes; its output is in " + out + " and " + err);
                }
            }
            if (pending.size() > 0) {
                onLine.accept(pending.toString(StandardCharsets.UTF_8));
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while " + program + " ran");
        }
        return new Run(process.exitValue(), out, err);
    }

    /** Hands on the complete lines written since the last call; bytes are split at newlines only, never mid-character. */
    private static void follow(RandomAccessFile reader, ByteArrayOutputStream pending, Consumer<String> onLine)
            throws IOException {
        long available = reader.length() - reader.getFilePointer();
        if (available <= 0) {
            return;
        }
        byte[] bytes = new byte[(int) Math.min(available, 1 << 20)];
        reader.readFully(bytes);
        for (byte b : bytes) {
            if (b == '\n') {
                onLine.accept(pending.toString(StandardCharsets.UTF_8));
                pending.reset();
            } else {
                pending.write(b);
            }
        }
    }
}
