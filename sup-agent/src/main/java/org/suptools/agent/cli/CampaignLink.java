package org.suptools.agent.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import org.suptools.agent.AgentLog;
import org.suptools.agent.campaign.CampaignDesk;
import org.suptools.agent.config.AgentConfig;
import org.suptools.agent.link.MqttTr50Link;
import org.suptools.agent.store.StateLock;

/**
 * The connection {@code campaign-check} and {@code campaign-accept} ask the portal over: the agent's
 * own (its client id), so the state directory's lock is taken first, as {@code once} takes it: a
 * running daemon holds the same client id, and a second connection would push it off the broker.
 */
final class CampaignLink implements AutoCloseable {

    /** Exit code: the portal refused (no such campaign for this gateway, a draft or a cancelled one). */
    static final int REFUSED = 3;

    private final StateLock lock;
    private final MqttTr50Link link;

    private CampaignLink(StateLock lock, MqttTr50Link link) {
        this.lock = lock;
        this.link = link;
    }

    /** Connected, or null after saying on {@code err} why not. */
    static CampaignLink open(AgentConfig config, Duration connectTimeout, PrintWriter err)
            throws IOException, InterruptedException {
        StateLock lock = StateLock.acquire(config.stateDir());
        MqttTr50Link link;
        try {
            // Quiet: the command prints its one answer; a connection that fails is said once, below.
            link = new MqttTr50Link(config, () -> {
            }, AgentLog.NONE);
        } catch (IOException | RuntimeException e) {
            lock.close();
            throw e;
        }
        CampaignLink opened = new CampaignLink(lock, link);
        link.connect();
        if (!link.awaitReady(connectTimeout)) {
            err.println("sup-agent: " + link.refusal().map(why -> "could not connect: " + why).orElse(
                    "could not connect to " + config.broker() + " within " + connectTimeout.toSeconds() + " s"));
            err.flush();
            opened.close();
            return null;
        }
        return opened;
    }

    CampaignDesk desk() {
        return new CampaignDesk(link);
    }

    @Override
    public void close() throws IOException {
        try {
            link.close();
        } finally {
            lock.close();
        }
    }
}
