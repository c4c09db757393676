package org.suptools.cli.commands;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A campaign as the portal emulator shows it ({@code sup-portal campaign status --json}, or
 * {@code GET /api/campaigns/<id>}): its state and its member records. Read from JSON text so the
 * CLI depends on the portal's documented output only, never on its classes.
 */
record DemoCampaignRecords(String id, String state, List<Member> members) {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    DemoCampaignRecords {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(state, "state");
        members = List.copyOf(members);
    }

    /** One member record: the gateway, its mailbox id, and its result once completed. */
    record Member(String thingKey, String mailboxId, String status, String result, long errorCode,
            String errorMessage) {

        Member {
            Objects.requireNonNull(thingKey, "thingKey");
            Objects.requireNonNull(mailboxId, "mailboxId");
            Objects.requireNonNull(status, "status");
            result = result == null ? "" : result;
            errorMessage = errorMessage == null ? "" : errorMessage;
        }

        boolean succeeded() {
            return "success".equals(result);
        }
    }

    /** Reads the portal's JSON; {@code source} names where it came from in the one-line error. */
    static DemoCampaignRecords parse(String json, String source) throws IOException {
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IOException(source + ": not JSON: " + e.getOriginalMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new IOException(source + ": not a campaign (a JSON object is expected)");
        }
        List<Member> members = new ArrayList<>();
        JsonNode list = root.path("members");
        if (!list.isArray()) {
            throw new IOException(source + ": members: a list is expected");
        }
        for (int i = 0; i < list.size(); i++) {
            JsonNode member = list.get(i);
            String at = "members[" + i + "]";
            members.add(new Member(text(member, "thingKey", source, at), text(member, "mailboxId", source, at),
                    text(member, "status", source, at), member.path("result").asText(""),
                    member.path("errorCode").asLong(0), member.path("errorMessage").asText("")));
        }
        return new DemoCampaignRecords(text(root, "id", source, ""), text(root, "state", source, ""), members);
    }

    private static String text(JsonNode node, String field, String source, String at) throws IOException {
        JsonNode value = node.path(field);
        if (!value.isTextual()) {
            throw new IOException(source + ": " + (at.isEmpty() ? "" : at + ".") + field + ": a string is expected");
        }
        return value.asText();
    }

    boolean completed() {
        return "Completed".equals(state);
    }

    long succeeded() {
        return members.stream().filter(Member::succeeded).count();
    }

    long failed() {
        return members.stream().filter(m -> "failure".equals(m.result())).count();
    }
}
