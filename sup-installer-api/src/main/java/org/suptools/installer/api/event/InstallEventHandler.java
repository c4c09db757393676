package org.suptools.installer.api.event;

/**
 * Reacts to install events by kind; each method does nothing unless overridden, so a handler
 * names only the events it cares about. {@link InstallEvent#sendTo} picks the method.
 */
public interface InstallEventHandler {

    default void started(InstallEvent.Started event) {
    }

    default void verified(InstallEvent.Verified event) {
    }

    default void planned(InstallEvent.Planned event) {
    }

    default void refused(InstallEvent.Refused event) {
    }

    default void actionStarted(InstallEvent.ActionStarted event) {
    }

    default void actionSucceeded(InstallEvent.ActionSucceeded event) {
    }

    default void actionFailed(InstallEvent.ActionFailed event) {
    }

    default void actionSkipped(InstallEvent.ActionSkipped event) {
    }

    default void rollbackStarted(InstallEvent.RollbackStarted event) {
    }

    default void actionRolledBack(InstallEvent.ActionRolledBack event) {
    }

    default void actionRollbackFailed(InstallEvent.ActionRollbackFailed event) {
    }

    default void finished(InstallEvent.Finished event) {
    }
}
