package org.suptools.fleetsim;

import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.Mqtt3AsyncClient;
import com.hivemq.client.mqtt.mqtt3.Mqtt3Client;
import com.hivemq.client.mqtt.mqtt3.message.publish.Mqtt3Publish;
import com.hivemq.client.mqtt.mqtt3.message.subscribe.Mqtt3Subscribe;
import com.hivemq.client.mqtt.mqtt3.message.subscribe.Mqtt3Subscription;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.suptools.tr50.Deflate;
import org.suptools.tr50.RequestId;
import org.suptools.tr50.Topic;
import org.suptools.tr50.TopicNumber;
import org.suptools.tr50.Topics;
import org.suptools.tr50.Tr50Codec;
import org.suptools.tr50.Tr50Command;
import org.suptools.tr50.Tr50Exception;
import org.suptools.tr50.Tr50Request;
import org.suptools.tr50.Tr50Response;
import org.suptools.tr50.Tr50Result;

/**
 * One thing's TR50 line over MQTT 3.1.1, as the agent's link makes it (client id = app id, user =
 * thing key, password = app token, requests on {@code api/<n>} at QoS 1 matched with
 * {@code reply/<n>}), but without the agent's reconnection and outbox: a simulated gateway that
 * loses its connection is counted, not healed. Thousands of these share the HiveMQ client's event
 * loop threads in one JVM.
 */
final class Tr50Client {

    private final Fleet.Member member;
    private final Topics topics;
    private final Duration replyTimeout;
    private final Mqtt3AsyncClient client;
    private final AtomicLong counter = new AtomicLong();
    private final Map<String, CompletableFuture<Tr50Response>> waiting = new ConcurrentHashMap<>();
    private volatile boolean closing;

    /**
     * @param onNotice told on each {@code notify/mailbox_activity}, on the client's thread: must not block
     * @param onLost told once when the connection drops while the client is not being closed
     */
    Tr50Client(Fleet.Member member, URI broker, String base, Duration replyTimeout, Runnable onNotice,
            Consumer<String> onLost) {
        this.member = member;
        this.topics = Topics.perThing(base, member.key());
        this.replyTimeout = replyTimeout;
        this.client = Mqtt3Client.builder().identifier(member.appId()).serverHost(broker.getHost())
                .serverPort(broker.getPort())
                .addDisconnectedListener(context -> {
                    waiting.values().forEach(f -> f.completeExceptionally(new IOException("connection lost")));
                    if (!closing) {
                        onLost.accept(member.key() + ": connection lost: " + context.getCause().getMessage());
                    }
                })
                .simpleAuth().username(member.key()).password(member.token().getBytes(StandardCharsets.UTF_8))
                .applySimpleAuth().buildAsync();
        client.publishes(MqttGlobalPublishFilter.ALL, publish -> received(publish, onNotice));
    }

    Fleet.Member member() {
        return member;
    }

    /** Connects and subscribes to the thing's replies and notices; completes when both are done. */
    CompletableFuture<Void> connect() {
        var subscriptions = topics.clientSubscriptions().stream()
                .map(filter -> Mqtt3Subscription.builder().topicFilter(filter).qos(MqttQos.AT_LEAST_ONCE).build())
                .toList();
        return client.connectWith().cleanSession(true).keepAlive(60).send()
                .thenCompose(ack -> client.subscribe(Mqtt3Subscribe.builder().addSubscriptions(subscriptions).build()))
                .thenApply(ack -> null);
    }

    /** Sends one command and waits for its result. */
    Tr50Result call(Tr50Command command) throws IOException, InterruptedException {
        TopicNumber number = TopicNumber.of(counter.incrementAndGet());
        CompletableFuture<Tr50Response> reply = new CompletableFuture<>();
        waiting.put(number.digits(), reply);
        try {
            client.publishWith().topic(topics.api(number)).qos(MqttQos.AT_LEAST_ONCE)
                    .payload(Tr50Codec.compact(Tr50Request.of(command))).send();
            Tr50Response response = reply.get(replyTimeout.toMillis(), TimeUnit.MILLISECONDS);
            return response.result(RequestId.of(1))
                    .orElseThrow(() -> new IOException("the reply on " + topics.reply(number) + " has no result 1"));
        } catch (TimeoutException e) {
            throw new IOException("no reply on " + topics.reply(number) + " within " + replyTimeout.toSeconds() + " s");
        } catch (ExecutionException e) {
            throw new IOException(e.getCause().getMessage(), e.getCause());
        } finally {
            waiting.remove(number.digits());
        }
    }

    /** Sends a command whose reply does not matter (progress, log lines). */
    void post(Tr50Command command) {
        client.publishWith().topic(topics.api(TopicNumber.of(counter.incrementAndGet()))).qos(MqttQos.AT_LEAST_ONCE)
                .payload(Tr50Codec.compact(Tr50Request.of(command))).send();
    }

    CompletableFuture<Void> disconnect() {
        closing = true;
        return client.disconnect().exceptionally(alreadyGone -> null);
    }

    private void received(Mqtt3Publish publish, Runnable onNotice) {
        try {
            Topic topic = topics.parse(publish.getTopic().toString());
            if (topic instanceof Topic.Reply reply) {
                CompletableFuture<Tr50Response> future = waiting.get(reply.number().digits());
                if (future != null) {
                    byte[] payload = publish.getPayloadAsBytes();
                    if (reply.compressed()) {
                        payload = Deflate.decompress(payload, Deflate.DEFAULT_MAX_INFLATED);
                    }
                    future.complete(Tr50Codec.readResponse(payload));
                }
            } else if (topic instanceof Topic.Notify notify && notify.name().equals("mailbox_activity")) {
                onNotice.run();
            }
        } catch (Tr50Exception e) {
            // Not a TR50 message for this thing: a real agent ignores it too.
        }
    }
}
