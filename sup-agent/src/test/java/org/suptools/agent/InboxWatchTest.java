package org.suptools.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.suptools.agent.job.Approval;
import org.suptools.agent.job.ScheduleRequest;
import org.suptools.agent.job.StageKind;
import org.suptools.agent.store.ApprovalInbox;

class InboxWatchTest {

    @TempDir
    Path dir;

    @Test
    void anApprovalDroppedIntoTheInbox_wakesTheDaemon() throws Exception {
        Semaphore wake = new Semaphore(0);
        ApprovalInbox inbox = new ApprovalInbox(dir.resolve("approvals"));

        try (InboxWatch watch = InboxWatch.start(inbox.dir(), wake::release)) {
            assertThat(wake.availablePermits()).as("nothing yet").isZero();
            inbox.submit(new ScheduleRequest(StageKind.DOWNLOAD, "C1", Approval.now()), 1);

            // Waits for the notice (the watch service may batch it), not for time to pass.
            assertThat(wake.tryAcquire(30, TimeUnit.SECONDS)).isTrue();
        }
    }
}
