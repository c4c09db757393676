package org.suptools.portal.mqtt;

import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.suptools.portal.store.Names;
import org.suptools.tr50.MailboxActivity;
import org.suptools.tr50.Topics;
import org.suptools.tr50.Tr50Codec;

/**
 * The portal's own MQTT connection, to the embedded broker or an external one: it subscribes to every
 * thing's requests, answers each on one worker thread (so a thing's commands are handled in the order
 * they arrive), and publishes {@code notify/mailbox_activity}. It reconnects by itself and subscribes
 * again on every connect.
 */
public final class PortalConnection implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(PortalConnection.class.getName());

    private static final long SESSION_EXPIRY_SECONDS = 24 * 3600;

    private final Mqtt5AsyncClient client;
    private final String base;
    private final String sessionId = UUID.randomUUID().toString();
    private volatile CompletableFuture<?> subscribed = CompletableFuture.completedFuture(null);
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "sup-portal-tr50");
        thread.setDaemon(true);
        return thread;
    });

    /**
     * @param dropAckReply whether to drop, instead of publishing, a reply that answers a mailbox.ack
     *     (the {@code drop-connection} fault); {@code reply -> false} publishes every reply
     */
    private PortalConnection(String host, int port, PortalCredentials credentials, String base,
            RequestHandler handler, Predicate<RequestHandler.Reply> dropAckReply) {
        this.base = base;
        this.client = Mqtt5Client.builder()
                .identifier(clientId(base))
                .serverHost(host)
                .serverPort(port)
                .simpleAuth().username(credentials.user())
                .password(credentials.password().getBytes(StandardCharsets.UTF_8)).applySimpleAuth()
                .automaticReconnectWithDefaultConfig()
                .addConnectedListener(context -> subscribe())
                // A broker that lost the session (mosquitto restarted without persistence) must not cost the
                // replies and notices published meanwhile: by default the client fails them on such a
                // reconnect, and a thing whose ack reply is lost waits until its next mailbox check.
                .addDisconnectedListener(context -> context.getReconnector().republishIfSessionExpired(true))
                .buildAsync();
        // ALL, not SUBSCRIBED: requests queued in a resumed session arrive before this client subscribed.
        client.publishes(MqttGlobalPublishFilter.ALL, publish -> worker.execute(() -> {
            try {
                handler.handle(publish.getTopic().toString(), publish.getPayloadAsBytes()).ifPresent(reply -> {
                    if (!(reply.answersAck() && dropAckReply.test(reply))) {
                        publish(reply.topic(), reply.payload());
                    }
                });
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "a request on " + publish.getTopic() + " failed", e);
            }
        }));
    }

    /**
     * Connects and subscribes; returns once the broker accepted the connection.
     *
     * @throws IllegalStateException if the broker cannot be reached or refuses the portal's credentials
     */
    public static PortalConnection connect(String host, int port, PortalCredentials credentials, String base,
            RequestHandler handler, Predicate<RequestHandler.Reply> dropAckReply) {
        PortalConnection connection = new PortalConnection(host, port, credentials, base, handler, dropAckReply);
        try {
            // A lasting session under a fixed client id: while the portal is away (restarting, reconnecting),
            // a broker that keeps sessions queues the things' QoS 1 requests for it.
            connection.client.connectWith().cleanStart(false).sessionExpiryInterval(SESSION_EXPIRY_SECONDS).send()
                    .get(30, TimeUnit.SECONDS);
            // The first subscriptions are in place before a caller lets a thing send its first request.
            connection.subscribed.get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while connecting to the broker", e);
        } catch (ExecutionException | TimeoutException e) {
            connection.close();
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new IllegalStateException("cannot connect to the broker at " + host + ":" + port + " as "
                    + credentials.user() + ": " + cause.getMessage(), e);
        }
        return connection;
    }

    /**
     * The portal's client id: fixed for a base, so that a restarted portal resumes its session. No thing's
     * app id may start with {@code sup-portal} (see {@link org.suptools.portal.store.Thing}).
     */
    public static String clientId(String base) {
        return Names.PORTAL_USER + (base.isEmpty() ? "" : "-" + base.replaceAll("[^A-Za-z0-9._-]", "_"));
    }

    /** Tells a thing its mailbox has work. */
    public void notifyMailbox(String thingKey) {
        publish(Topics.perThing(base, thingKey).mailboxActivity(), Tr50Codec.compact(
                new MailboxActivity(Optional.of(sessionId), Optional.of(thingKey))));
    }

    /** Whether the connection is up now. */
    public boolean connected() {
        return client.getState().isConnected();
    }

    private void subscribe() {
        subscribed = CompletableFuture.allOf(RequestHandler.subscriptions(base).stream().map(filter -> client
                .subscribeWith().topicFilter(filter).qos(MqttQos.AT_LEAST_ONCE).send().whenComplete((ack, error) -> {
                    if (error != null) {
                        LOG.warning(() -> "cannot subscribe to " + filter + ": " + error.getMessage());
                    } else if (ack.getReasonCodes().stream().anyMatch(code -> code.isError())) {
                        LOG.warning(() -> "the broker refused the subscription to " + filter + ": "
                                + ack.getReasonCodes());
                    }
                })).toArray(CompletableFuture[]::new));
    }

    private void publish(String topic, byte[] payload) {
        client.publish(Mqtt5Publish.builder().topic(topic).qos(MqttQos.AT_LEAST_ONCE).payload(payload).build())
                .whenComplete((result, error) -> {
                    if (error != null) {
                        LOG.warning(() -> "cannot publish on " + topic + ": " + error.getMessage());
                    }
                });
    }

    @Override
    public void close() {
        worker.shutdown();
        try {
            worker.awaitTermination(5, TimeUnit.SECONDS);
            client.disconnect().get(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            // Not connected, or the broker went first: nothing to close.
        }
    }
}
