package org.suptools.portal.store;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One mailbox message: a command waiting for a thing, and what became of it. A campaign member's record
 * is read from its message, so the two never disagree.
 *
 * @param id the message id, what {@code mailbox.update} and {@code mailbox.ack} name
 * @param thingKey the thing it is for
 * @param campaignId the campaign that sent it, if any
 * @param method the {@code method.exec} method, such as {@code gateway.sup.update}
 * @param params the method's params
 * @param ttl seconds the message waits for the thing; -1 waits until it connects, however long
 * @param state new, in flight or completed
 * @param createdOn when it was queued
 * @param checkedOn when a {@code mailbox.check} handed it out
 * @param completedOn when it was acked
 * @param errorCode the ack's code, 0 on success
 * @param errorMessage the ack's message
 * @param result the ack's params
 * @param progress the {@code mailbox.update} texts, oldest first, the last {@value #MAX_PROGRESS} kept
 */
public record MailboxItem(String id, String thingKey, Optional<String> campaignId, String method, ObjectNode params,
        int ttl, MailboxState state, Instant createdOn, Optional<Instant> checkedOn, Optional<Instant> completedOn,
        Optional<Integer> errorCode, Optional<String> errorMessage, Optional<ObjectNode> result,
        List<Progress> progress) {

    public static final int MAX_PROGRESS = 100;

    public MailboxItem {
        Objects.requireNonNull(id, "id");
        Names.thingKey("thingKey", thingKey);
        Objects.requireNonNull(campaignId, "campaignId");
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(params, "params");
        if (ttl < -1 || ttl == 0) {
            throw new IllegalArgumentException("ttl: -1 (until the thing connects) or a positive number of seconds, was "
                    + ttl);
        }
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(createdOn, "createdOn");
        Objects.requireNonNull(checkedOn, "checkedOn");
        Objects.requireNonNull(completedOn, "completedOn");
        Objects.requireNonNull(errorCode, "errorCode");
        Objects.requireNonNull(errorMessage, "errorMessage");
        Objects.requireNonNull(result, "result");
        progress = progress == null ? List.of() : List.copyOf(progress);
        if (state == MailboxState.COMPLETED && (completedOn.isEmpty() || errorCode.isEmpty())) {
            throw new IllegalArgumentException("a completed message has completedOn and errorCode");
        }
    }

    /** A new message, waiting for the thing. */
    public static MailboxItem queued(String id, String thingKey, Optional<String> campaignId, String method,
            ObjectNode params, int ttl, Instant now) {
        return new MailboxItem(id, thingKey, campaignId, method, params, ttl, MailboxState.NEW, now, Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), List.of());
    }

    /** Handed out by a {@code mailbox.check}. */
    MailboxItem checked(Instant now) {
        return new MailboxItem(id, thingKey, campaignId, method, params, ttl, MailboxState.IN_FLIGHT, createdOn,
                Optional.of(now), completedOn, errorCode, errorMessage, result, progress);
    }

    /** Completed by its ack, or by an auto-completing check (code 0). */
    MailboxItem completed(Instant now, int code, Optional<String> message, Optional<ObjectNode> ackParams) {
        return new MailboxItem(id, thingKey, campaignId, method, params, ttl, MailboxState.COMPLETED, createdOn,
                Optional.of(checkedOn.orElse(now)), Optional.of(now), Optional.of(code), message, ackParams, progress);
    }

    MailboxItem withProgress(Instant now, String msg) {
        List<Progress> more = new ArrayList<>(progress);
        more.add(new Progress(now, msg));
        if (more.size() > MAX_PROGRESS) {
            more = more.subList(more.size() - MAX_PROGRESS, more.size());
        }
        return new MailboxItem(id, thingKey, campaignId, method, params, ttl, state, createdOn, checkedOn, completedOn,
                errorCode, errorMessage, result, more);
    }

    /** Whether a message not yet handed out has outlived its ttl. */
    public boolean expired(Instant now) {
        return state == MailboxState.NEW && ttl > 0 && !now.isBefore(createdOn.plusSeconds(ttl));
    }

    /**
     * One {@code mailbox.update} text.
     *
     * @param on when it arrived
     * @param msg the text
     */
    public record Progress(Instant on, String msg) {

        public Progress {
            Objects.requireNonNull(on, "on");
            Objects.requireNonNull(msg, "msg");
        }
    }
}
