package org.suptools.tr50;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Writes and reads TR50 messages. Writing is canonical: envelope keys in id order, each object's
 * fields in a fixed order, absent optional fields left out; {@code compact} is one line (for MQTT),
 * {@code pretty} the layout of the installer's report files. Reading is tolerant of what it does
 * not need (unknown fields are ignored, field names match in any case, an unknown command reads as
 * {@link UnknownCommand}) and strict on the rest: a wrong type, a missing field, a bad id or
 * malformed JSON is a {@link Tr50Exception} that names the field, such as
 * {@code "2".params.limit: must be a whole number, found a string}.
 */
public final class Tr50Codec {

    private Tr50Codec() {
    }

    /** The names of the commands that read as their own records; any other reads as {@link UnknownCommand}. */
    public static Set<String> typedCommands() {
        return Commands.known();
    }

    public static byte[] compact(Tr50Request request) {
        return JsonTree.compact(toJson(request));
    }

    public static byte[] pretty(Tr50Request request) {
        return JsonTree.pretty(toJson(request));
    }

    public static byte[] compact(Tr50Response response) {
        return JsonTree.compact(toJson(response));
    }

    public static byte[] pretty(Tr50Response response) {
        return JsonTree.pretty(toJson(response));
    }

    public static byte[] compact(MailboxActivity notification) {
        return JsonTree.compact(notification.toParams().node());
    }

    /** The request as a JSON tree, for callers that embed it in their own documents. */
    public static ObjectNode toJson(Tr50Request request) {
        ObjectNode envelope = JsonTree.NODES.objectNode();
        request.commands().forEach((id, command) -> envelope.set(id.toString(), Commands.entry(command).toJson()));
        return envelope;
    }

    public static ObjectNode toJson(Tr50Response response) {
        ObjectNode envelope = JsonTree.NODES.objectNode();
        response.results().forEach((id, result) -> envelope.set(id.toString(), toJson(result)));
        return envelope;
    }

    /**
     * Reads a whole request; the first problem anywhere refuses it. A client reading a request
     * (the installer's reply file, an outbox entry) wants this; a server answering one wants
     * {@link #readIncoming}.
     */
    public static Tr50Request readRequest(byte[] json) throws Tr50Exception {
        SortedMap<RequestId, Tr50Command> commands = new TreeMap<>();
        for (Map.Entry<RequestId, JsonNode> entry : envelope(json, "request").entrySet()) {
            commands.put(entry.getKey(), Commands.readEntry(entry(entry, "a command")));
        }
        return new Tr50Request(commands);
    }

    /** Reads a request command by command: see {@link IncomingRequest}. */
    public static IncomingRequest readIncoming(byte[] json) throws Tr50Exception {
        SortedMap<RequestId, IncomingRequest.Entry> entries = new TreeMap<>();
        for (Map.Entry<RequestId, JsonNode> entry : envelope(json, "request").entrySet()) {
            try {
                entries.put(entry.getKey(), new IncomingRequest.Read(Commands.readEntry(entry(entry, "a command"))));
            } catch (Tr50Exception e) {
                entries.put(entry.getKey(), new IncomingRequest.Refused(e.getMessage()));
            }
        }
        return new IncomingRequest(entries);
    }

    /** Reads a reply; {@code success}, {@code errorCodes} and {@code errorMessages} match in any case. */
    public static Tr50Response readResponse(byte[] json) throws Tr50Exception {
        SortedMap<RequestId, Tr50Result> results = new TreeMap<>();
        for (Map.Entry<RequestId, JsonNode> entry : envelope(json, "reply").entrySet()) {
            results.put(entry.getKey(), result(entry(entry, "a result")));
        }
        return new Tr50Response(results);
    }

    /** Reads the payload of {@code notify/mailbox_activity}. */
    public static MailboxActivity readMailboxActivity(byte[] json) throws Tr50Exception {
        JsonNode root = JsonTree.parse(json, "notification");
        if (!root.isObject()) {
            throw new Tr50Exception("", "the notification must be a JSON object, found " + Text.kind(root));
        }
        return MailboxActivity.read(FieldReader.of(root, Location.root(), "a notification"));
    }

    private static ObjectNode toJson(Tr50Result result) {
        Params.Builder out = Params.builder().put("success", result.succeeded());
        if (result instanceof Tr50Result.Success success) {
            if (!success.params().isEmpty()) {
                out.put("params", success.params());
            }
        } else {
            Tr50Result.Failure failure = (Tr50Result.Failure) result;
            out.put("errorCodes", JsonTree.NODES.arrayNode().addAll(failure.errorCodes().stream()
                    .map(code -> (JsonNode) JsonTree.NODES.numberNode(code)).toList()));
            out.put("errorMessages", JsonTree.NODES.arrayNode().addAll(failure.errorMessages().stream()
                    .map(message -> (JsonNode) JsonTree.NODES.textNode(message)).toList()));
        }
        return out.build().toJson();
    }

    private static Tr50Result result(FieldReader in) throws Tr50Exception {
        if (in.bool("success")) {
            return new Tr50Result.Success(in.params("params"));
        }
        return new Tr50Result.Failure(in.integers("errorCodes"), in.strings("errorMessages"));
    }

    /** The entries of an envelope by id, in id order. */
    private static SortedMap<RequestId, JsonNode> envelope(byte[] json, String what) throws Tr50Exception {
        JsonNode root = JsonTree.parse(json, what);
        if (!root.isObject()) {
            throw new Tr50Exception("", "the " + what + " must be a JSON object keyed by command id, found "
                    + Text.kind(root));
        }
        if (root.isEmpty()) {
            throw new Tr50Exception("", "the " + what + " has no entries");
        }
        SortedMap<RequestId, JsonNode> entries = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> field = it.next();
            entries.put(RequestId.parse(field.getKey()), field.getValue());
        }
        return entries;
    }

    private static FieldReader entry(Map.Entry<RequestId, JsonNode> entry, String kind) throws Tr50Exception {
        return FieldReader.of(entry.getValue(), Location.root().field(entry.getKey().toString()), kind);
    }
}
