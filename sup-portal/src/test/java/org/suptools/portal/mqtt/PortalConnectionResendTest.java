package org.suptools.portal.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.suptools.portal.files.FileIds;
import org.suptools.portal.service.Tr50Service;
import org.suptools.portal.store.DataDir;
import org.suptools.portal.store.MailboxItem;
import org.suptools.portal.store.MailboxState;
import org.suptools.portal.store.Mailboxes;
import org.suptools.portal.store.Things;
import org.suptools.tr50.MailboxCheck;
import org.suptools.tr50.MailboxCheckResult;
import org.suptools.tr50.RequestId;
import org.suptools.tr50.TopicNumber;
import org.suptools.tr50.Topics;
import org.suptools.tr50.Tr50Codec;
import org.suptools.tr50.Tr50Request;
import org.suptools.tr50.Tr50Response;
import org.suptools.tr50.Tr50Result;

/**
 * The portal's reply to a request it took just before its broker went away, restarted without the
 * sessions, is not lost: the portal's client publishes it again once it is connected to the new broker.
 */
class PortalConnectionResendTest {

    private static final String BASE = "sup";

    @TempDir
    Path work;

    @Test
    void replyPublishedWhileTheBrokerRestartsWithoutSessions_isDeliveredAfterReconnect() throws Exception {
        DataDir data = new DataDir(work.resolve("data"));
        Things things = new Things(data, Clock.systemUTC());
        things.put("gw-1", "token-1", "app-1");
        new Mailboxes(data).send(List.of(MailboxItem.queued("M1", "gw-1", Optional.empty(), "gateway.sup.update",
                JsonNodeFactory.instance.objectNode().put("name", "acme-config"), -1, Clock.systemUTC().instant())));
        PortalCredentials credentials = PortalCredentials.of(data);
        BrokerAccess access = new BrokerAccess(things, credentials, BASE);
        int port = freePort();
        EmbeddedBroker first = EmbeddedBroker.start(work.resolve("broker-1"), "127.0.0.1", port, access);
        EmbeddedBroker second = null;
        java.util.concurrent.atomic.AtomicBoolean firstStopped = new java.util.concurrent.atomic.AtomicBoolean();
        // The portal reaches the broker through a gate, so the test decides when it reconnects: only after
        // the thing is subscribed again on the new broker, or the resent reply would reach nobody.
        try (GatedProxy gate = GatedProxy.to(port);
             PortalConnection portal = PortalConnection.connect("127.0.0.1", gate.port(), credentials, BASE,
                     new RequestHandler(BASE, new Tr50Service(data, Clock.systemUTC(),
                             new FileIds(Clock.systemUTC(), FileIds.DEFAULT_LIFETIME)), things), reply -> false)) {
            java.net.URI broker = java.net.URI.create("tcp://127.0.0.1:" + port);
            Topics topics = Topics.perThing(BASE, "gw-1");
            TopicNumber number = TopicNumber.of(7);
            TestThing before = TestThing.connect(broker, BASE, "gw-1", "app-1", "token-1").subscribeOwn();
            TestThing after;
            // Holding the data directory's lock holds the portal's worker inside mailbox.check, its reply
            // not yet published, while the broker goes away and comes back empty.
            second = data.locked(() -> {
                try {
                    before.publish(topics.api(number), Tr50Codec.compact(Tr50Request.of(
                            new MailboxCheck(Optional.of(false), Optional.empty()))));
                    awaitWorker(stack -> stack.contains("org.suptools.portal.store.DataDir.locked"));
                    gate.shut();
                    first.close();
                    firstStopped.set(true);
                    before.close();
                    return EmbeddedBroker.start(work.resolve("broker-2"), "127.0.0.1", port, access);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            // The worker publishes the reply while the portal's connection is down.
            awaitWorker(stack -> stack.contains("ThreadPoolExecutor.getTask"));
            assertThat(portal.connected()).isFalse();
            assertThat(new Mailboxes(data).find("gw-1", "M1").orElseThrow().state())
                    .isEqualTo(MailboxState.IN_FLIGHT);
            after = TestThing.connect(broker, BASE, "gw-1", "app-1", "token-1").subscribeOwn();

            gate.open();

            try (after) {
                // The portal's reconnect waits out its backoff (it doubles while the broker is away).
                Tr50Response reply = Tr50Codec.readResponse(after.await(topics.reply(number), Duration.ofSeconds(90))
                        .getPayloadAsBytes());
                Tr50Result result = reply.result(RequestId.of(1)).orElseThrow();
                assertThat(result).isInstanceOf(Tr50Result.Success.class);
                assertThat(MailboxCheckResult.read(((Tr50Result.Success) result).params()).messages())
                        .extracting(m -> m.id()).containsExactly("M1");
                assertThat(portal.connected()).isTrue();
            }
        } finally {
            if (!firstStopped.get()) {
                first.close();
            }
            if (second != null) {
                second.close();
            }
        }
    }

    /** Waits until the portal's worker thread's stack matches: an event, not a span of time. */
    private static void awaitWorker(Predicate<String> stackMatches) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            for (var entry : Thread.getAllStackTraces().entrySet()) {
                if (entry.getKey().getName().equals("sup-portal-tr50")
                        && entry.getKey().getState() == Thread.State.WAITING && stackMatches.test(
                                List.of(entry.getValue()).toString())) {
                    return;
                }
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
        }
        throw new AssertionError("the portal's worker never reached the expected point");
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress("127.0.0.1", 0));
            return socket.getLocalPort();
        }
    }
}
