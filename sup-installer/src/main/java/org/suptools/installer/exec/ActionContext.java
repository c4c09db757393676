package org.suptools.installer.exec;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.suptools.installer.archive.UnpackLimits;
import org.suptools.installer.fs.Deadline;
import org.suptools.installer.fs.Durable;
import org.suptools.installer.fs.Trees;
import org.suptools.installer.journal.JournalRecord;
import org.suptools.installer.journal.UndoStep;
import org.suptools.installer.runtime.RuntimeControl;
import org.suptools.model.action.Action;
import org.suptools.model.manifest.PayloadFile;

/** What an executor works with while it applies one action. */
public final class ActionContext {

    private final int index;
    private final Action action;
    private final Map<String, Path> paths;
    private final Duration timeout;
    private final Deadline deadline;
    private final ExecutionEnvironment environment;
    private final GatewayFiles files;
    private boolean rebootRequested;

    /**
     * @param index   the action's 1-based position in the package
     * @param paths   the action's gateway paths by field, resolved and checked by the plan
     * @param timeout the action's own timeout, or the gateway's default
     */
    public ActionContext(int index, Action action, Map<String, Path> paths, Duration timeout,
            ExecutionEnvironment environment) {
        this.index = index;
        this.action = Objects.requireNonNull(action, "action");
        this.paths = Map.copyOf(paths);
        this.timeout = timeout;
        this.deadline = Deadline.after(timeout);
        this.environment = Objects.requireNonNull(environment, "environment");
        this.files = new GatewayFiles(environment.confinement());
    }

    public int index() {
        return index;
    }

    public String installId() {
        return environment.installId();
    }

    public Action action() {
        return action;
    }

    /** A gateway path of the action, by field name, absolute and checked against the allowed roots. */
    public Path path(String field) {
        Path path = paths.get(field);
        if (path == null) {
            throw new IllegalStateException("the plan resolved no path for field " + field);
        }
        return path;
    }

    public PayloadFile payload(String name) throws IOException {
        return environment.payloads().declared(name);
    }

    public InputStream openPayload(String name) throws IOException {
        return environment.payloads().open(name);
    }

    /** The payload's verified staged copy, when it may be renamed into place ({@link Payloads#staged}). */
    public Optional<Path> stagedPayload(String name) {
        return environment.payloads().staged(name);
    }

    /** Every change to a gateway path goes through this: it is checked against the allowed roots as it is made. */
    public GatewayFiles files() {
        return files;
    }

    /**
     * Copies a payload into this action's backup directory (the state directory, not a gateway
     * path), readable and runnable by the installer's user only: scripts and OS packages run from there.
     */
    public Path stashPayload(String payload, String name) throws IOException {
        Path file = backupDir().resolve(name);
        Trees.deleteRecursively(file);
        try (InputStream in = openPayload(payload)) {
            Durable.copyNew(in, file, deadline);
        }
        Files.setPosixFilePermissions(file, Trees.permissions("0700"));
        return file;
    }

    /** This action's backup directory under the state directory, created on first use. */
    public Path backupDir() throws IOException {
        Path dir = environment.backupDir(index);
        Files.createDirectories(dir);
        return dir;
    }

    /** Journals changes about to be made, forced to disk before this returns. */
    public void record(UndoStep... steps) throws IOException {
        record(List.of(steps));
    }

    public void record(List<UndoStep> steps) throws IOException {
        if (!steps.isEmpty()) {
            environment.journal().append(new JournalRecord.Steps(index, steps));
        }
    }

    public RuntimeControl runtime() {
        return environment.runtime();
    }

    public CommandRunner commands() {
        return environment.commands();
    }

    /** Where commands run when the action names no working directory. */
    public Path runtimeHome() {
        return environment.runtimeHome();
    }

    /** How a package manager installs a package file (the file's path is appended). */
    public List<String> packageManagerCommand(org.suptools.model.action.PackageManager manager) {
        return environment.packageManagers().get(manager);
    }

    /** The action's own timeout, or the gateway's default. */
    public Duration timeout() {
        return timeout;
    }

    /** The deadline this action's timeout sets, from when it started. */
    public Deadline deadline() {
        return deadline;
    }

    public UnpackLimits unpackLimits() {
        return environment.unpackLimits();
    }

    /**
     * A name for a temporary sibling of {@code target}: hidden, unique to this install and action,
     * so that leftovers after a crash are recognised and removed.
     */
    public Path tempSibling(Path target, String purpose) {
        return target.resolveSibling("." + target.getFileName() + ".sup-" + shortId() + "-" + index + "." + purpose);
    }

    private String shortId() {
        String id = environment.installId();
        return id.length() > 12 ? id.substring(id.length() - 12) : id;
    }

    public void requestReboot() {
        rebootRequested = true;
    }

    public boolean rebootRequested() {
        return rebootRequested;
    }
}
