package org.suptools.installer.exec;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.suptools.installer.archive.UnpackLimits;
import org.suptools.installer.fs.Confinement;
import org.suptools.installer.journal.Journal;
import org.suptools.installer.runtime.RuntimeControl;
import org.suptools.model.action.PackageManager;

/**
 * What every action of one install shares: the install id, the payloads, the journal, the backup
 * root ({@code <stateDir>/backup/<install-id>}), the runtime and command runners, the runtime home
 * (the working directory of commands that name none), the unpack limits, the package manager
 * commands, and the confinement every change to a gateway path goes through.
 */
public record ExecutionEnvironment(
        String installId,
        Payloads payloads,
        Journal journal,
        Path backupRoot,
        RuntimeControl runtime,
        CommandRunner commands,
        Path runtimeHome,
        UnpackLimits unpackLimits,
        Map<PackageManager, List<String>> packageManagers,
        Confinement confinement) {

    public ExecutionEnvironment {
        Objects.requireNonNull(confinement, "confinement");
        Objects.requireNonNull(installId, "installId");
        Objects.requireNonNull(journal, "journal");
        Objects.requireNonNull(backupRoot, "backupRoot");
        packageManagers = Map.copyOf(packageManagers);
    }

    /** The backup directory of action {@code index}. */
    public Path backupDir(int index) {
        return backupRoot.resolve(Integer.toString(index));
    }
}
