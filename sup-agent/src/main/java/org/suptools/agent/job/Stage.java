package org.suptools.agent.job;

/**
 * Where an update stands: the states of seed 000's gateway (docs/reference/agent.md maps them to
 * hawkBit's and Mender's). Each change is written to disk before the work of the next state
 * starts, so a restarted agent goes on from where it was, and each is published to the portal as
 * the {@code sup.update.state} attribute. Whether the portal has taken the job's report is the
 * record's {@code acked}, apart from its state.
 */
public enum Stage {
    /** Read from the mailbox; nothing decided yet. */
    INSTANTIATED,
    /** The campaign's request is read against the gateway's policy: which stages wait for approval is fixed. */
    INVENTORY_UP_TO_DATE,
    /** The download waits for {@code sup-agent schedule --type=download} or {@code gateway.sup.schedule}. */
    WAITING_FOR_DOWNLOAD_APPROVAL,
    /** The download is approved for a window that has not opened yet. */
    SCHEDULED_DOWNLOAD,
    /** The download may start (automatic, or inside its window) and starts at the next step. */
    WAITING_FOR_DOWNLOAD,
    /** The package is being fetched; {@code downloadedBytes} of it are on disk for sure. */
    DOWNLOADING,
    /** The package is on disk, its size and CRC-32 checked. */
    DOWNLOAD_COMPLETE,
    /** The install waits for approval. */
    WAITING_FOR_EXECUTION_APPROVAL,
    /** The install is approved for a window that has not opened yet. */
    SCHEDULED_EXECUTION,
    /** The install may start and starts at the next step. */
    WAITING_TO_EXECUTE,
    /** The installer was started; what it did is found in its reports if the agent did not see it end. */
    EXECUTING,
    /** Never entered by this agent: activation happens inside the install (docs/reference/agent.md). */
    WAITING_FOR_ACTIVATION_APPROVAL,
    /** Never entered by this agent, as above. */
    SCHEDULED_ACTIVATION,
    /** The install succeeded; its activation (runtime restart, firmware switch) was part of it. */
    WAITING_TO_ACTIVATE,
    /** The update is installed and active; the success ack is in the outbox or sent. */
    SUCCEEDED,
    /** The package could not be fetched or was not the one announced; the failure ack is in the outbox or sent. */
    DOWNLOAD_FAILED,
    /** The installer refused or failed the package, or could not be run. */
    EXECUTION_FAILED,
    /** The activation failed; never entered by this agent, whose installer activates within the install. */
    ACTIVATION_FAILED,
    /** Not an update: a message the agent only answers (a schedule, an unsupported method, bad params). */
    ANSWERED;

    /** True once the job's report is decided: nothing is left to run, only to deliver. */
    public boolean terminal() {
        return this == SUCCEEDED || this == DOWNLOAD_FAILED || this == EXECUTION_FAILED || this == ACTIVATION_FAILED
                || this == ANSWERED;
    }

    /** True while the job waits for an approval or for its window: only an operator or the clock moves it. */
    public boolean held() {
        return this == WAITING_FOR_DOWNLOAD_APPROVAL || this == SCHEDULED_DOWNLOAD
                || this == WAITING_FOR_EXECUTION_APPROVAL || this == SCHEDULED_EXECUTION
                || this == WAITING_FOR_ACTIVATION_APPROVAL || this == SCHEDULED_ACTIVATION;
    }

    /** True before the download started: an approval of it may still be given. */
    public boolean beforeDownload() {
        return ordinal() <= WAITING_FOR_DOWNLOAD.ordinal();
    }

    /** True before the installer was started. */
    public boolean beforeExecution() {
        return ordinal() <= WAITING_TO_EXECUTE.ordinal();
    }

    /** The state a report in the outbox ends this one in, when a kill came before the record said so. */
    public Stage endingWith(boolean succeeded) {
        if (terminal()) {
            return this;
        }
        if (succeeded) {
            return SUCCEEDED;
        }
        return ordinal() < DOWNLOAD_COMPLETE.ordinal() ? DOWNLOAD_FAILED : EXECUTION_FAILED;
    }
}
