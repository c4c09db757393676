package org.suptools.agent.link;

import com.hivemq.client.mqtt.MqttClientSslConfig;
import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.Mqtt3AsyncClient;
import com.hivemq.client.mqtt.mqtt3.Mqtt3Client;
import com.hivemq.client.mqtt.mqtt3.message.publish.Mqtt3Publish;
import com.hivemq.client.mqtt.mqtt3.message.subscribe.Mqtt3Subscribe;
import com.hivemq.client.mqtt.mqtt3.message.subscribe.Mqtt3Subscription;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.suptools.agent.AgentLog;
import org.suptools.agent.config.AgentConfig;
import org.suptools.agent.config.CaTrust;
import org.suptools.tr50.Deflate;
import org.suptools.tr50.Topic;
import org.suptools.tr50.TopicNumber;
import org.suptools.tr50.Topics;
import org.suptools.tr50.Tr50Codec;
import org.suptools.tr50.Tr50Exception;
import org.suptools.tr50.Tr50Request;
import org.suptools.tr50.Tr50Response;

/**
 * TR50 over MQTT 3.1.1 with the HiveMQ client: client id = app id, user = thing key, password =
 * app token, TLS with a CA file when configured. Requests go to {@code api/<n>} at QoS 1 and are
 * matched with their {@code reply/<n>}; a lost connection fails the requests waiting for replies
 * (the outbox sends them again) and is retried with {@link Backoff}. The client redelivers only
 * in memory, which is why the agent keeps its own outbox on disk.
 */
public final class MqttTr50Link implements Tr50Link, AutoCloseable {

    static final Duration FIRST_RETRY = Duration.ofSeconds(1);
    static final Duration MAX_RETRY = Duration.ofMinutes(2);

    private final Topics topics;
    private final Duration replyTimeout;
    private final Runnable onActivity;
    private final AgentLog log;
    private final Mqtt3AsyncClient client;
    private final Backoff backoff = new Backoff(FIRST_RETRY, MAX_RETRY, new Random());
    private final AtomicLong counter = new AtomicLong();
    private final Map<String, CompletableFuture<Tr50Response>> waiting = new ConcurrentHashMap<>();
    private final AtomicReference<CountDownLatch> ready = new AtomicReference<>(new CountDownLatch(1));
    private final String password;
    /** The first outcome of connecting: "" once connected, or why TLS refused the broker. */
    private final CompletableFuture<String> settled = new CompletableFuture<>();
    private volatile boolean closing;

    /**
     * @param onActivity told when the mailbox should be checked: on each (re)connection and each
     *     {@code notify/mailbox_activity}; called on the client's thread, so it must not block
     */
    public MqttTr50Link(AgentConfig config, Runnable onActivity, AgentLog log) throws IOException {
        this.topics = config.topics();
        this.replyTimeout = config.replyTimeout();
        this.onActivity = onActivity;
        this.log = log;
        this.password = config.appToken();
        var builder = Mqtt3Client.builder()
                .identifier(config.appId())
                .serverHost(config.broker().getHost())
                .serverPort(config.broker().getPort())
                .addConnectedListener(context -> subscribe())
                .addDisconnectedListener(context -> {
                    ready.set(new CountDownLatch(1));
                    failWaiting("the connection to the broker was lost: " + context.getCause().getMessage());
                    Optional<String> tls = TlsRefusal.describe(context.getCause(), config);
                    tls.ifPresent(why -> settled.complete(why));
                    if (!closing) {
                        Duration wait = backoff.next();
                        log.info(tls.orElse("not connected to " + config.broker() + " (" + context.getCause().getMessage()
                                + ")") + "; next attempt in " + wait.toMillis() + " ms");
                        context.getReconnector().reconnect(true).delay(wait.toMillis(), TimeUnit.MILLISECONDS);
                    }
                });
        if (config.tls()) {
            var ssl = MqttClientSslConfig.builder();
            if (config.caFile().isPresent()) {
                ssl = ssl.trustManagerFactory(CaTrust.trustOf(config.caFile().get()));
            }
            builder = builder.sslConfig(ssl.build());
        }
        this.client = builder.simpleAuth().username(config.thingKey())
                .password(password.getBytes(StandardCharsets.UTF_8)).applySimpleAuth().buildAsync();
        client.publishes(MqttGlobalPublishFilter.ALL, this::received);
    }

    /** Starts connecting; the link keeps trying until {@link #close}. */
    public void connect() {
        client.connectWith().cleanSession(true).keepAlive(60).send();
    }

    /**
     * Waits until connected and subscribed; false when {@code timeout} passed first, or at once when
     * TLS refused the broker's certificate ({@link #refusal} says why): a certificate does not
     * change within seconds, so there is no point waiting for it.
     */
    public boolean awaitReady(Duration timeout) throws InterruptedException {
        try {
            settled.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
        return isReady();
    }

    /** Why the broker was refused, when TLS refused its certificate before the link was ever ready. */
    public Optional<String> refusal() {
        String why = settled.getNow("");
        return why.isEmpty() ? Optional.empty() : Optional.of(why);
    }

    public boolean isReady() {
        return ready.get().getCount() == 0;
    }

    @Override
    public Tr50Response call(Tr50Request request) throws IOException, InterruptedException {
        if (!isReady()) {
            throw new IOException("not connected to the broker");
        }
        TopicNumber number = TopicNumber.of(counter.incrementAndGet());
        CompletableFuture<Tr50Response> reply = new CompletableFuture<>();
        waiting.put(number.digits(), reply);
        try {
            client.publishWith().topic(topics.api(number)).qos(MqttQos.AT_LEAST_ONCE)
                    .payload(Tr50Codec.compact(request)).send();
            return reply.get(replyTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new IOException("no reply on " + topics.reply(number) + " within " + replyTimeout.toSeconds() + " s");
        } catch (ExecutionException e) {
            throw new IOException(e.getCause().getMessage(), e.getCause());
        } finally {
            waiting.remove(number.digits());
        }
    }

    @Override
    public void post(Tr50Request request) {
        if (isReady()) {
            client.publishWith().topic(topics.api(TopicNumber.of(counter.incrementAndGet())))
                    .qos(MqttQos.AT_LEAST_ONCE).payload(Tr50Codec.compact(request)).send();
        }
    }

    @Override
    public void close() {
        closing = true;
        failWaiting("the agent is stopping");
        try {
            client.disconnect().get(5, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            // Not connected, or the broker is gone: nothing is left to close.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void subscribe() {
        var subscribe = Mqtt3Subscribe.builder();
        var subscriptions = topics.clientSubscriptions().stream()
                .map(filter -> Mqtt3Subscription.builder().topicFilter(filter).qos(MqttQos.AT_LEAST_ONCE).build())
                .toList();
        client.subscribe(subscribe.addSubscriptions(subscriptions).build()).whenComplete((ack, error) -> {
            if (error != null) {
                log.info("subscribing to " + topics.clientSubscriptions() + " failed: " + error.getMessage());
                client.disconnect();
                return;
            }
            backoff.reset();
            log.info("connected; listening on " + topics.clientSubscriptions());
            ready.get().countDown();
            settled.complete("");
            onActivity.run();
        });
    }

    private void received(Mqtt3Publish publish) {
        String name = publish.getTopic().toString();
        try {
            Topic topic = topics.parse(name);
            if (topic instanceof Topic.Reply reply) {
                CompletableFuture<Tr50Response> future = waiting.get(reply.number().digits());
                if (future == null) {
                    return;
                }
                byte[] payload = publish.getPayloadAsBytes();
                if (reply.compressed()) {
                    payload = Deflate.decompress(payload, Deflate.DEFAULT_MAX_INFLATED);
                }
                future.complete(Tr50Codec.readResponse(payload));
            } else if (topic instanceof Topic.Notify notify && notify.name().equals("mailbox_activity")) {
                onActivity.run();
            }
        } catch (Tr50Exception e) {
            log.info("ignored a message on " + name + ": " + e.getMessage());
        }
    }

    private void failWaiting(String why) {
        waiting.values().forEach(future -> future.completeExceptionally(new IOException(why)));
    }
}
