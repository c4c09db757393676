package org.suptools.workbench.viewmodel;

import java.util.function.Consumer;
import org.suptools.installer.api.client.InstallerWatcher;
import org.suptools.installer.api.event.InstallEvent;

/**
 * Hands every line and event of a running installer, read on a background thread, to a watcher
 * on the UI thread, in the order they came. It forwards each kind of event; UiThreadWatcherTest
 * fails when the installer's API gains a kind this class does not forward.
 */
final class UiThreadWatcher implements InstallerWatcher {

    private final Consumer<Runnable> post;
    private final InstallerWatcher target;

    /** @param post runs a piece of code on the UI thread, in order with what was posted before */
    UiThreadWatcher(Consumer<Runnable> post, InstallerWatcher target) {
        this.post = post;
        this.target = target;
    }

    @Override
    public void line(String line) {
        post.accept(() -> target.line(line));
    }

    @Override
    public void otherLine(String line) {
        post.accept(() -> target.otherLine(line));
    }

    @Override
    public void started(InstallEvent.Started event) {
        post.accept(() -> target.started(event));
    }

    @Override
    public void verified(InstallEvent.Verified event) {
        post.accept(() -> target.verified(event));
    }

    @Override
    public void planned(InstallEvent.Planned event) {
        post.accept(() -> target.planned(event));
    }

    @Override
    public void refused(InstallEvent.Refused event) {
        post.accept(() -> target.refused(event));
    }

    @Override
    public void actionStarted(InstallEvent.ActionStarted event) {
        post.accept(() -> target.actionStarted(event));
    }

    @Override
    public void actionSucceeded(InstallEvent.ActionSucceeded event) {
        post.accept(() -> target.actionSucceeded(event));
    }

    @Override
    public void actionFailed(InstallEvent.ActionFailed event) {
        post.accept(() -> target.actionFailed(event));
    }

    @Override
    public void actionSkipped(InstallEvent.ActionSkipped event) {
        post.accept(() -> target.actionSkipped(event));
    }

    @Override
    public void rollbackStarted(InstallEvent.RollbackStarted event) {
        post.accept(() -> target.rollbackStarted(event));
    }

    @Override
    public void actionRolledBack(InstallEvent.ActionRolledBack event) {
        post.accept(() -> target.actionRolledBack(event));
    }

    @Override
    public void actionRollbackFailed(InstallEvent.ActionRollbackFailed event) {
        post.accept(() -> target.actionRollbackFailed(event));
    }

    @Override
    public void finished(InstallEvent.Finished event) {
        post.accept(() -> target.finished(event));
    }
}
