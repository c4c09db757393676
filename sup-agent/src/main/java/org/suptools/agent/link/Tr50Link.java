package org.suptools.agent.link;

import java.io.IOException;
import org.suptools.tr50.Tr50Request;
import org.suptools.tr50.Tr50Response;

/** The agent's line to the portal: TR50 requests and their replies, over MQTT or, in tests, in memory. */
public interface Tr50Link {

    /**
     * Sends a request and waits for its reply.
     *
     * @throws IOException when the portal cannot be reached or does not answer in time; whether the
     *     request arrived is then unknown
     */
    Tr50Response call(Tr50Request request) throws IOException, InterruptedException;

    /** Sends a request whose reply does not matter (progress text); a failure is not reported. */
    void post(Tr50Request request);
}
