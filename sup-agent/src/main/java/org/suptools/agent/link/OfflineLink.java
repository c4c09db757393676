package org.suptools.agent.link;

import java.io.IOException;
import org.suptools.tr50.Tr50Request;
import org.suptools.tr50.Tr50Response;

/**
 * No line to the portal at all, for {@code sup-agent install}: every call fails at once as a link
 * down, so what needs the portal waits in the outbox, and nothing touches the network.
 */
public final class OfflineLink implements Tr50Link {

    public static final OfflineLink INSTANCE = new OfflineLink();

    private OfflineLink() {
    }

    @Override
    public Tr50Response call(Tr50Request request) throws IOException {
        throw new IOException("offline: sup-agent install opens no connection");
    }

    @Override
    public void post(Tr50Request request) {
        // Progress text is dropped offline: the state changes and the reports are in the outbox.
    }
}
