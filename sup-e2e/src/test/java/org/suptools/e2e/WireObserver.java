package org.suptools.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.Inflater;

/**
 * Reads every thing's TR50 requests off the broker, as the portal's own user may: what really crossed
 * the wire, independent of what the portal made of it. It counts the {@code mailbox.ack} commands per
 * mailbox id (a resent ack counts twice) and keeps the {@code log.publish} lines per thing.
 */
final class WireObserver implements AutoCloseable {

    /** One TR50 command a thing sent. */
    record Sent(String thingKey, String command, JsonNode params) {
    }

    private final Mqtt5BlockingClient client;
    private final List<Sent> sent = new CopyOnWriteArrayList<>();
    private final Map<String, String> unreadable = new ConcurrentHashMap<>();

    private WireObserver(Mqtt5BlockingClient client) {
        this.client = client;
    }

    /** Publishes as the portal's user, who may write every thing's topics. */
    void publish(String topic, String payload) {
        client.publishWith().topic(topic).qos(MqttQos.AT_LEAST_ONCE)
                .payload(payload.getBytes(StandardCharsets.UTF_8)).send();
    }

    static WireObserver on(Portal portal) throws Exception {
        Mqtt5BlockingClient client = Mqtt5Client.builder().identifier("e2e-wire-observer")
                .serverHost("127.0.0.1").serverPort(portal.mqtt().getPort())
                .simpleAuth().username("sup-portal").password(portal.portalPassword().getBytes(StandardCharsets.UTF_8))
                .applySimpleAuth().buildBlocking();
        client.connect();
        WireObserver observer = new WireObserver(client);
        client.toAsync().publishes(MqttGlobalPublishFilter.SUBSCRIBED, observer::read);
        client.subscribeWith().topicFilter(Portal.BASE + "/+/api/#").qos(MqttQos.AT_LEAST_ONCE).send();
        client.subscribeWith().topicFilter(Portal.BASE + "/+/apiz/#").qos(MqttQos.AT_LEAST_ONCE).send();
        return observer;
    }

    private void read(Mqtt5Publish publish) {
        String[] levels = publish.getTopic().toString().split("/");
        String thingKey = levels[1];
        try {
            byte[] payload = publish.getPayloadAsBytes();
            if (levels[2].equals("apiz")) {
                payload = inflate(payload);
            }
            JsonNode request = InstallReport.JSON.readTree(payload);
            request.fields().forEachRemaining(entry -> sent.add(new Sent(thingKey,
                    entry.getValue().path("command").asText(), entry.getValue().path("params"))));
        } catch (Exception e) {
            unreadable.put(publish.getTopic().toString(), String.valueOf(e));
        }
    }

    private static byte[] inflate(byte[] deflated) throws Exception {
        Inflater inflater = new Inflater();
        inflater.setInput(deflated);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        while (!inflater.finished()) {
            int n = inflater.inflate(buffer);
            if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                break;
            }
            out.write(buffer, 0, n);
        }
        inflater.end();
        return out.toByteArray();
    }

    /** How many {@code mailbox.ack} commands named this mailbox id. */
    long acks(String mailboxId) {
        return sent.stream().filter(s -> s.command().equals("mailbox.ack"))
                .filter(s -> s.params().path("id").asText().equals(mailboxId)).count();
    }

    /** How many commands of this name the thing sent. */
    long sent(String thingKey, String command) {
        return sent.stream().filter(s -> s.thingKey().equals(thingKey) && s.command().equals(command)).count();
    }

    /** The {@code log.publish} lines this thing sent with this correlation id (a mailbox id). */
    List<String> logLines(String thingKey, String corrId) {
        List<String> lines = new ArrayList<>();
        for (Sent s : sent) {
            if (s.thingKey().equals(thingKey) && s.command().equals("log.publish")
                    && s.params().path("corrId").asText().equals(corrId)) {
                lines.add(s.params().path("msg").asText());
            }
        }
        return lines;
    }

    /** Payloads that could not be read, by topic: none is expected. */
    Map<String, String> unreadable() {
        return Map.copyOf(unreadable);
    }

    @Override
    public void close() {
        if (client.getState().isConnected()) {
            client.disconnect();
        }
    }
}
