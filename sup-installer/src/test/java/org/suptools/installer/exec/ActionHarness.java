package org.suptools.installer.exec;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.suptools.installer.archive.UnpackLimits;
import org.suptools.installer.config.GatewayConfig;
import org.suptools.installer.fs.Confinement;
import org.suptools.installer.install.ProcessCommands;
import org.suptools.installer.journal.Journal;
import org.suptools.installer.process.ProcessRunner;
import org.suptools.installer.testing.FakeRuntime;
import org.suptools.installer.testing.TreeSnapshot;
import org.suptools.model.action.Action;
import org.suptools.model.manifest.PayloadFile;

/**
 * Runs single actions against a runtime home on disk, with a real journal and real commands, and
 * undoes them from the journal the way the rollback does.
 */
final class ActionHarness implements AutoCloseable {

    final Path home;
    final Path state;
    final FakeRuntime runtime;
    final Journal journal;
    final Map<String, byte[]> payloads = new HashMap<>();
    /** Payload names whose stream fails after its bytes (as a hash mismatch does). */
    final java.util.Set<String> corrupt = new java.util.HashSet<>();
    final CommandRunner commands = new ProcessCommands(new ProcessRunner());
    /** The home is the one allowed root; the state directory and the reports in home/logs are off limits. */
    final Confinement confinement;
    private final ExecutionEnvironment environment;
    private int next = 1;
    ActionContext lastContext;

    ActionHarness(Path dir, FakeRuntime runtime, Map<org.suptools.model.action.PackageManager, List<String>> managers)
            throws IOException {
        this.home = Files.createDirectories(dir.resolve("home"));
        this.state = Files.createDirectories(dir.resolve("state"));
        this.runtime = runtime;
        this.journal = Journal.create(state);
        this.confinement = new Confinement(List.of(home), home, state, home.resolve("logs"),
                List.of(home.resolve("logs/confirmation.json")));
        Payloads source = new Payloads() {
            @Override
            public PayloadFile declared(String name) throws IOException {
                byte[] bytes = bytes(name);
                return new PayloadFile("payload/" + name, bytes.length, "0".repeat(64));
            }

            @Override
            public InputStream open(String name) throws IOException {
                InputStream content = new ByteArrayInputStream(bytes(name));
                if (!corrupt.contains(name)) {
                    return content;
                }
                return new SequenceInputStream(content, new InputStream() {
                    @Override
                    public int read() throws IOException {
                        throw new IOException("payload/" + name + ": SHA-256 does not match the manifest");
                    }
                });
            }
        };
        this.environment = new ExecutionEnvironment("20260101T000000Z-test0001", source, journal,
                state.resolve("backup/test"), runtime, commands, home, UnpackLimits.DEFAULTS,
                managers.isEmpty() ? GatewayConfig.DEFAULT_PACKAGE_MANAGERS : managers, confinement);
    }

    ActionHarness(Path dir, FakeRuntime runtime) throws IOException {
        this(dir, runtime, Map.of());
    }

    private byte[] bytes(String name) throws IOException {
        byte[] bytes = payloads.get(name);
        if (bytes == null) {
            throw new IOException("no payload " + name);
        }
        return bytes;
    }

    /** The index the next action gets. */
    int next() {
        return next;
    }

    /** Applies an action; its paths are the given fields resolved against the home. Returns its index. */
    int apply(Action action, Map<String, String> fields) throws ActionFailedException, IOException {
        int index = next++;
        Map<String, Path> paths = new HashMap<>();
        fields.forEach((field, value) -> paths.put(field, home.resolve(value)));
        paths.putIfAbsent("workingDir", home);
        lastContext = new ActionContext(index, action, paths, Duration.ofSeconds(30), environment);
        journal.append(new org.suptools.installer.journal.JournalRecord.ActionBegun(index, java.time.Instant.now()));
        Executors.of(action).apply(lastContext);
        return index;
    }

    /** Applies, expecting a failure; returns the index for the undo. */
    int applyFailing(Action action, Map<String, String> fields) throws IOException {
        int index = next;
        try {
            apply(action, fields);
        } catch (ActionFailedException | IOException e) {
            return index;
        }
        throw new AssertionError("expected " + action.id() + " to fail");
    }

    void undo(Action action, int index) throws UndoFailedException {
        Executors.of(action).undo(new UndoContext(index, action, journal.state(), journal, runtime, commands,
                confinement));
    }

    TreeSnapshot snapshot() throws IOException {
        return TreeSnapshot.of(home);
    }

    @Override
    public void close() throws IOException {
        journal.close();
    }
}
