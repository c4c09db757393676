package org.suptools.agent.it;

import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.Mqtt3AsyncClient;
import com.hivemq.client.mqtt.mqtt3.Mqtt3Client;
import com.hivemq.client.mqtt.mqtt3.message.publish.Mqtt3Publish;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.suptools.agent.update.FakePortal;
import org.suptools.tr50.MailboxActivity;
import org.suptools.tr50.Topic;
import org.suptools.tr50.Topics;
import org.suptools.tr50.Tr50Codec;
import org.suptools.tr50.Tr50Exception;
import java.util.Optional;

/**
 * The portal's side of the wire for the test: answers each {@code sup/<thing>/api/<n>} on
 * {@code sup/<thing>/reply/<n>} with {@link FakePortal}'s answers, and serves its file ids once
 * each on a JDK HttpServer with {@code Range} support.
 */
final class PortalResponder implements AutoCloseable {

    private static final int CHUNK = 64 * 1024;
    private static final Pattern RANGE = Pattern.compile("bytes=(\\d+)-");

    final FakePortal portal = new FakePortal();
    final HttpServer http;
    private final Mqtt3AsyncClient client;
    /** Bytes the file endpoint sent. */
    volatile long bytesServed;
    /** When set, the first download stops after this many bytes and waits for {@link #resume}. */
    volatile long pauseAfter = -1;
    final CountDownLatch paused = new CountDownLatch(1);
    final CountDownLatch resume = new CountDownLatch(1);

    PortalResponder(int brokerPort, String password) throws Exception {
        client = Mqtt3Client.builder().identifier("portal").serverHost("127.0.0.1").serverPort(brokerPort)
                .simpleAuth().username("portal").password(password.getBytes(StandardCharsets.UTF_8))
                .applySimpleAuth().buildAsync();
        client.publishes(MqttGlobalPublishFilter.ALL, this::answer);
        client.connect().get(10, TimeUnit.SECONDS);
        client.subscribeWith().topicFilter("sup/+/api/#").qos(MqttQos.AT_LEAST_ONCE).send().get(10, TimeUnit.SECONDS);
        http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        http.createContext("/file/", this::serve);
        http.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        http.start();
    }

    String fileEndpoint() {
        return "http://127.0.0.1:" + http.getAddress().getPort();
    }

    /** {@code notify/mailbox_activity} to one thing. */
    void notifyActivity(String thingKey) {
        client.publishWith().topic(Topics.perThing("sup", thingKey).mailboxActivity()).qos(MqttQos.AT_LEAST_ONCE)
                .payload(Tr50Codec.compact(new MailboxActivity(Optional.of("s1"), Optional.of(thingKey)))).send();
    }

    private void answer(Mqtt3Publish publish) {
        String name = publish.getTopic().toString();
        String thing = name.split("/")[1];
        Topics topics = Topics.perThing("sup", thing);
        try {
            Topic topic = topics.parse(name);
            if (!(topic instanceof Topic.Request request)) {
                return;
            }
            byte[] reply = Tr50Codec.compact(portal.call(Tr50Codec.readRequest(publish.getPayloadAsBytes())));
            client.publishWith().topic(topics.name(request.reply())).qos(MqttQos.AT_LEAST_ONCE).payload(reply).send();
        } catch (Tr50Exception | IOException e) {
            throw new IllegalStateException("the test portal cannot answer " + name, e);
        }
    }

    private void serve(HttpExchange exchange) throws IOException {
        String id = exchange.getRequestURI().getPath().substring("/file/".length());
        byte[] content = portal.fileIds.remove(id);
        if (content == null) {
            exchange.sendResponseHeaders(404, -1);
            exchange.close();
            return;
        }
        long start = 0;
        String range = exchange.getRequestHeaders().getFirst("Range");
        if (range != null) {
            Matcher m = RANGE.matcher(range);
            if (!m.matches() || Long.parseLong(m.group(1)) >= content.length) {
                exchange.getResponseHeaders().add("Content-Range", "bytes */" + content.length);
                exchange.sendResponseHeaders(416, -1);
                exchange.close();
                return;
            }
            start = Long.parseLong(m.group(1));
            exchange.getResponseHeaders().add("Content-Range",
                    "bytes " + start + "-" + (content.length - 1) + "/" + content.length);
        }
        exchange.sendResponseHeaders(range == null ? 200 : 206, content.length - start);
        try (OutputStream out = exchange.getResponseBody()) {
            for (int at = (int) start; at < content.length; at += CHUNK) {
                if (pauseAfter >= 0 && at - start >= pauseAfter) {
                    pauseAfter = -1;
                    out.flush();
                    paused.countDown();
                    awaitResume();
                }
                int n = Math.min(CHUNK, content.length - at);
                out.write(content, at, n);
                bytesServed += n;
            }
        } catch (IOException e) {
            // The agent went away mid-download: what it did not read is not counted again.
        }
    }

    private void awaitResume() {
        try {
            resume.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() throws Exception {
        http.stop(0);
        client.disconnect().get(5, TimeUnit.SECONDS);
    }
}
