package org.suptools.portal.mqtt;

import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.suptools.tr50.Deflate;
import org.suptools.tr50.MailboxActivity;
import org.suptools.tr50.TopicNumber;
import org.suptools.tr50.Topics;
import org.suptools.tr50.Tr50Codec;
import org.suptools.tr50.Tr50Request;
import org.suptools.tr50.Tr50Response;

/** A small TR50 client for the tests: a gateway as the portal sees it on the wire, nothing more. */
final class TestThing implements AutoCloseable {

    private final Mqtt5AsyncClient client;
    private final Topics topics;
    private final BlockingQueue<Mqtt5Publish> inbox = new LinkedBlockingQueue<>();
    private final java.util.List<String> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
    private long counter;
    private volatile boolean disconnected;

    /** Put in the inbox when the broker drops the connection, so that a wait ends at once. */
    private static final Mqtt5Publish DISCONNECTED = Mqtt5Publish.builder().topic("disconnected").build();

    private TestThing(Mqtt5AsyncClient client, Topics topics) {
        this.client = client;
        this.topics = topics;
    }

    /** Connects with client id = app id, user = key, password = token; throws what the CONNECT threw. */
    static TestThing connect(URI broker, String base, String key, String appId, String token) throws Exception {
        return connect(broker, base, key, appId, token, null);
    }

    /** The same over TLS, trusting what {@code trust} trusts. */
    static TestThing connectTls(URI broker, String base, String key, String appId, String token,
            javax.net.ssl.TrustManagerFactory trust) throws Exception {
        return connect(broker, base, key, appId, token, com.hivemq.client.mqtt.MqttClientSslConfig.builder()
                .trustManagerFactory(trust).build());
    }

    private static TestThing connect(URI broker, String base, String key, String appId, String token,
            com.hivemq.client.mqtt.MqttClientSslConfig tls) throws Exception {
        java.util.concurrent.atomic.AtomicReference<TestThing> self = new java.util.concurrent.atomic.AtomicReference<>();
        Mqtt5AsyncClient client = Mqtt5Client.builder().identifier(appId).serverHost(broker.getHost())
                .serverPort(broker.getPort()).sslConfig(tls).simpleAuth().username(key)
                .password(token.getBytes(StandardCharsets.UTF_8)).applySimpleAuth()
                .addDisconnectedListener(context -> {
                    if (self.get() != null) {
                        self.get().disconnected = true;
                        self.get().inbox.add(DISCONNECTED);
                    }
                })
                .buildAsync();
        TestThing thing = new TestThing(client, Topics.perThing(base, key));
        self.set(thing);
        client.publishes(MqttGlobalPublishFilter.ALL, publish -> {
            if (thing.disconnected) {
                return;
            }
            thing.seen.add(publish.getTopic().toString());
            thing.inbox.add(publish);
        });
        try {
            client.connectWith().cleanStart(true).send().get(10, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            throw (Exception) e.getCause();
        }
        return thing;
    }

    /** Subscribes to the thing's replies and notices, as a gateway does. */
    TestThing subscribeOwn() throws Exception {
        for (String filter : topics.clientSubscriptions()) {
            subscribe(filter);
        }
        return this;
    }

    void subscribe(String filter) throws Exception {
        try {
            client.subscribeWith().topicFilter(filter).qos(MqttQos.AT_LEAST_ONCE).send().get(10, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            throw (Exception) e.getCause();
        }
    }

    void publish(String topic, byte[] payload) throws Exception {
        try {
            client.publishWith().topic(topic).qos(MqttQos.AT_LEAST_ONCE).payload(payload).send()
                    .get(10, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            throw (Exception) e.getCause();
        }
    }

    /** Sends a request on {@code api/<n>} ({@code apiz/<n>} when compressed) and waits for its reply. */
    Tr50Response request(Tr50Request request, boolean compressed) throws Exception {
        TopicNumber number = TopicNumber.of(++counter);
        byte[] json = Tr50Codec.compact(request);
        publish(compressed ? topics.apiz(number) : topics.api(number), compressed ? Deflate.compress(json) : json);
        Mqtt5Publish reply = await(compressed ? topics.replyz(number) : topics.reply(number));
        byte[] payload = reply.getPayloadAsBytes();
        return Tr50Codec.readResponse(compressed ? Deflate.decompress(payload, Deflate.DEFAULT_MAX_INFLATED) : payload);
    }

    Tr50Response request(Tr50Request request) throws Exception {
        return request(request, false);
    }

    MailboxActivity awaitMailboxActivity() throws Exception {
        return Tr50Codec.readMailboxActivity(await(topics.mailboxActivity()).getPayloadAsBytes());
    }

    /** The next message on {@code topic}, others set aside; fails after 10 s. */
    Mqtt5Publish await(String topic) throws Exception {
        return await(topic, java.time.Duration.ofSeconds(10));
    }

    /** The next message on {@code topic}, others set aside; fails after {@code patience}. */
    Mqtt5Publish await(String topic, java.time.Duration patience) throws Exception {
        long deadline = System.nanoTime() + patience.toNanos();
        while (true) {
            Mqtt5Publish next = inbox.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (next == null) {
                throw new AssertionError("nothing arrived on " + topic + " within " + patience.toSeconds() + " s");
            }
            if (next == DISCONNECTED) {
                throw new IllegalStateException("the broker dropped the connection while waiting for " + topic);
            }
            if (next.getTopic().toString().equals(topic)) {
                return next;
            }
        }
    }

    /** Every topic a message arrived on, in order. */
    java.util.List<String> seenTopics() {
        return java.util.List.copyOf(seen);
    }

    /** Whether anything at all arrives within {@code millis}: for checks that nothing leaks. */
    Mqtt5Publish poll(long millis) throws InterruptedException {
        return inbox.poll(millis, TimeUnit.MILLISECONDS);
    }


    /** Publishes with QoS 1; whether the broker acknowledged it without an error. */
    boolean tryPublish(String topic, byte[] payload) {
        try {
            publish(topic, payload);
            return true;
        } catch (Exception refusedOrDisconnected) {
            return false;
        }
    }

    @Override
    public void close() {
        try {
            client.disconnect().get(5, TimeUnit.SECONDS);
        } catch (Exception ignored) {
            // Already disconnected by the broker.
        }
    }
}
