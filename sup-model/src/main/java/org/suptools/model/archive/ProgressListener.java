package org.suptools.model.archive;

/**
 * Told how far a long archive operation has come, in payload bytes. Writers and readers call it
 * at most about once per MiB and once at the end, on the thread doing the work.
 */
@FunctionalInterface
public interface ProgressListener {

    /** A listener that ignores every report. */
    ProgressListener NONE = (bytesDone, bytesTotal) -> { };

    /**
     * @param bytesDone  payload bytes processed so far
     * @param bytesTotal payload bytes to process in all
     */
    void progress(long bytesDone, long bytesTotal);
}
