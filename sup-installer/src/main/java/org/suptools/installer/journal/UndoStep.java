package org.suptools.installer.journal;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One change an action is about to make, journalled (and forced to disk) before it is made, with
 * what undoing it takes. Undo reads these steps back, newest first, so it works the same in the
 * installer that made them and in a later {@code recover} after a crash. Every undo is idempotent
 * and correct whether the change happened, half happened or never happened: the {@link Undoer}
 * decides from what is on disk.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
@JsonSubTypes({
    @JsonSubTypes.Type(value = UndoStep.Created.class, name = "created"),
    @JsonSubTypes.Type(value = UndoStep.Saved.class, name = "saved"),
    @JsonSubTypes.Type(value = UndoStep.Renamed.class, name = "renamed"),
    @JsonSubTypes.Type(value = UndoStep.ModeChanged.class, name = "mode-changed"),
    @JsonSubTypes.Type(value = UndoStep.Obsolete.class, name = "obsolete"),
    @JsonSubTypes.Type(value = UndoStep.Ran.class, name = "ran"),
    @JsonSubTypes.Type(value = UndoStep.Runtime.class, name = "runtime")
})
public sealed interface UndoStep {

    /**
     * A path that did not exist and is about to be created (a file, link, directory or tree).
     * Undo deletes whatever is there now, all of it: nothing there predates the install. A
     * temporary one (temp file, staging tree) is also deleted once the package is committed.
     */
    record Created(String path, boolean temporary) implements UndoStep {
        public Created {
            Objects.requireNonNull(path, "path");
        }
    }

    /**
     * An existing path about to be set aside at {@code backup} (a hard link or an atomic copy for a
     * file that will be replaced, a rename for one that will be deleted) before it changes. The
     * backup appears atomically, and the original is only changed once it is there. Undo: when the
     * backup exists, whatever is now at the original path is replaced by it.
     */
    record Saved(String original, String backup) implements UndoStep {
        public Saved {
            Objects.requireNonNull(original, "original");
            Objects.requireNonNull(backup, "backup");
        }
    }

    /**
     * An atomic rename about to happen; {@code to} does not exist before. Undo renames back when
     * {@code to} exists and {@code from} does not. Undo journals that it reversed it, so that a
     * repeated undo does not mistake a later state for this one.
     */
    record Renamed(String from, String to) implements UndoStep {
        public Renamed {
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(to, "to");
        }
    }

    /** An existing path whose mode (octal, such as {@code 0755}) is about to change. Undo sets it back. */
    record ModeChanged(String path, String mode) implements UndoStep {
        public ModeChanged {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(mode, "mode");
        }
    }

    /** A path (the tree a firmware update replaced the kept previous tree with) to delete once committed. */
    record Obsolete(String path) implements UndoStep {
        public Obsolete {
            Objects.requireNonNull(path, "path");
        }
    }

    /**
     * A command about to run. Undo runs {@code undoCommand} (nothing when empty): it may run even
     * if the command was killed before doing anything, so undo commands must be idempotent.
     */
    record Ran(List<String> command, List<String> undoCommand, String workingDir, Map<String, String> environment,
            long timeoutMillis) implements UndoStep {
        public Ran {
            command = List.copyOf(command);
            undoCommand = List.copyOf(undoCommand);
            environment = environment == null ? Map.of() : Map.copyOf(environment);
        }
    }

    /**
     * The runtime is about to be stopped or started; {@code restore} is the state it had before
     * ({@code running} or {@code stopped}). Undo stops it when that was {@code stopped}; it never
     * starts it: the rollback starts it once, after every undo, when it was running before the install.
     */
    record Runtime(RuntimeState restore) implements UndoStep {

        public Runtime {
            Objects.requireNonNull(restore, "restore");
        }

        public boolean restoresRunning() {
            return restore == RuntimeState.RUNNING;
        }
    }
}
