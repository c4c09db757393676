package org.suptools.e2e;

import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A bare MQTT connection with a thing's credentials, for what the agent never tries: reading another
 * thing's topics. It keeps the topics of every message it receives.
 */
final class ThingClient implements AutoCloseable {

    private final Mqtt5BlockingClient client;
    private final List<String> received = new CopyOnWriteArrayList<>();

    private ThingClient(Mqtt5BlockingClient client) {
        this.client = client;
    }

    static ThingClient connect(Portal portal, Portal.Thing thing) {
        Mqtt5BlockingClient client = Mqtt5Client.builder().identifier(thing.appId())
                .serverHost("127.0.0.1").serverPort(portal.mqtt().getPort())
                .simpleAuth().username(thing.key()).password(thing.token().getBytes(StandardCharsets.UTF_8))
                .applySimpleAuth().buildBlocking();
        ThingClient thingClient = new ThingClient(client);
        client.toAsync().publishes(MqttGlobalPublishFilter.ALL, p -> thingClient.received.add(p.getTopic().toString()));
        client.connect();
        return thingClient;
    }

    /**
     * Subscribes; false when the broker refused it in the SUBACK (the embedded broker does so outside
     * the thing's topics; mosquitto grants it and delivers nothing).
     */
    boolean subscribe(String filter) {
        try {
            client.subscribeWith().topicFilter(filter).qos(MqttQos.AT_LEAST_ONCE).send();
            return true;
        } catch (com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5SubAckException refused) {
            return false;
        }
    }

    /** Publishes as the thing, at least once: a request on its own api topic, say. */
    void publish(String topic, String payload) {
        client.publishWith().topic(topic).qos(MqttQos.AT_LEAST_ONCE).payload(payload.getBytes(StandardCharsets.UTF_8))
                .send();
    }

    List<String> received() {
        return List.copyOf(received);
    }

    @Override
    public void close() {
        if (client.getState().isConnected()) {
            client.disconnect();
        }
    }
}
