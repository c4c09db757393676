package org.suptools.agent.update;

import org.suptools.agent.job.JobResult;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import org.suptools.tr50.Tr50Request;

/** What the agent learned of an install: a report to send, a wait, or proof that it never ran. */
public sealed interface InstallOutcome {

    /**
     * The install's report: the installer's TR50 reply (log lines and the ack) or one made for it.
     *
     * @param reply what goes to the portal, ending with the one mailbox.ack
     * @param result what the ack says
     * @param installerCopy the installer's copy of its reply, deleted once the reply is sent
     */
    record Reported(Tr50Request reply, JobResult result, Optional<Path> installerCopy) implements InstallOutcome {
        public Reported {
            Objects.requireNonNull(reply, "reply");
            Objects.requireNonNull(result, "result");
            installerCopy = installerCopy == null ? Optional.empty() : installerCopy;
        }
    }

    /** Nothing can be decided now (another install holds the gateway); the next cycle asks again. */
    record Waiting(String why) implements InstallOutcome {
    }

    /** The installer left no trace of this message: it never changed anything for it, so it may run. */
    record NeverRan(String why) implements InstallOutcome {
    }
}
