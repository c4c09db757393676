package org.suptools.agent.download;

import java.nio.file.Path;
import org.suptools.agent.job.JobResult;
import org.suptools.agent.job.UpdateJob;

/** How fetching a package ended: checked and on disk, or failed for good with the ack's code and message. */
public sealed interface DownloadOutcome {

    UpdateJob job();

    record Ready(UpdateJob job, Path file) implements DownloadOutcome {
    }

    record Failed(UpdateJob job, JobResult result) implements DownloadOutcome {
    }
}
