package org.suptools.portal.mqtt;

import java.util.Optional;
import java.util.logging.Logger;
import org.suptools.portal.service.Tr50Service;
import org.suptools.portal.store.Names;
import org.suptools.portal.store.Things;
import org.suptools.tr50.Deflate;
import org.suptools.tr50.IncomingRequest;
import org.suptools.tr50.MailboxAck;
import org.suptools.tr50.PortalErrorCodes;
import org.suptools.tr50.Topic;
import org.suptools.tr50.Topics;
import org.suptools.tr50.Tr50Codec;
import org.suptools.tr50.Tr50Exception;
import org.suptools.tr50.Tr50Response;
import org.suptools.tr50.Tr50Result;

/**
 * Turns one message on {@code <base>/<thingKey>/api/<n>} (or {@code apiz/<n>}, deflated) into the reply
 * for {@code <base>/<thingKey>/reply/<n>} ({@code replyz/<n>}, deflated, for a deflated request). The
 * thing is the topic's level after the base: the broker lets a thing publish only under its own
 * (see {@link BrokerAccess} and the mosquitto ACL). A request that is not a TR50 envelope gets one
 * failure under id 1; a message on a topic that is not a request, or from an unknown thing, gets none.
 */
public final class RequestHandler {

    /** The largest request read, plain or inflated: far above any the agent or the installer sends. */
    public static final int MAX_REQUEST_BYTES = Deflate.DEFAULT_MAX_INFLATED;

    private static final Logger LOG = Logger.getLogger(RequestHandler.class.getName());

    private final String base;
    private final Tr50Service service;
    private final Things things;

    public RequestHandler(String base, Tr50Service service, Things things) {
        this.base = base;
        this.service = service;
        this.things = things;
    }

    /** The topic filters the portal subscribes to: every thing's requests, plain and deflated. */
    public static java.util.List<String> subscriptions(String base) {
        String prefix = base.isEmpty() ? "" : base + "/";
        return java.util.List.of(prefix + "+/api/#", prefix + "+/apiz/#");
    }

    /** The reply to a message, if it is a request of a known thing. */
    public Optional<Reply> handle(String topic, byte[] payload) {
        String prefix = base.isEmpty() ? "" : base + "/";
        if (!topic.startsWith(prefix)) {
            return Optional.empty();
        }
        String rest = topic.substring(prefix.length());
        int slash = rest.indexOf('/');
        String thingKey = slash < 0 ? rest : rest.substring(0, slash);
        if (!Names.isThingKey(thingKey)) {
            LOG.warning(() -> "ignored a message on " + topic + ": not a thing's topic");
            return Optional.empty();
        }
        Topics topics = Topics.perThing(base, thingKey);
        Topic.Request request;
        try {
            if (!(topics.parse(topic) instanceof Topic.Request parsed)) {
                return Optional.empty();
            }
            request = parsed;
        } catch (Tr50Exception e) {
            LOG.warning(() -> "ignored a message: " + e.getMessage());
            return Optional.empty();
        }
        if (!things.exists(thingKey)) {
            LOG.warning(() -> "ignored a request on " + topic + ": no thing '" + thingKey + "'");
            return Optional.empty();
        }
        Tr50Response response;
        boolean hasAck = false;
        try {
            if (payload.length > MAX_REQUEST_BYTES) {
                throw new Tr50Exception("", "the request has " + payload.length + " bytes, more than the "
                        + MAX_REQUEST_BYTES + " the portal reads");
            }
            byte[] json = request.compressed() ? Deflate.decompress(payload, MAX_REQUEST_BYTES) : payload;
            IncomingRequest incoming = Tr50Codec.readIncoming(json);
            hasAck = incoming.entries().values().stream().anyMatch(entry -> entry instanceof IncomingRequest.Read read
                    && read.command() instanceof MailboxAck);
            response = service.answer(thingKey, incoming);
        } catch (Tr50Exception e) {
            response = Tr50Response.of(Tr50Result.failure(PortalErrorCodes.MALFORMED_REQUEST, e.getMessage()));
        }
        byte[] reply = Tr50Codec.compact(response);
        return Optional.of(new Reply(thingKey, topics.name(request.reply()),
                request.compressed() ? Deflate.compress(reply) : reply, hasAck));
    }

    /**
     * A reply to publish.
     *
     * @param thingKey the thing that asked
     * @param topic where the reply goes
     * @param payload the reply, deflated when the request was
     * @param answersAck whether the request held a {@code mailbox.ack} (for the {@code drop-connection} fault)
     */
    public record Reply(String thingKey, String topic, byte[] payload, boolean answersAck) {
    }
}
