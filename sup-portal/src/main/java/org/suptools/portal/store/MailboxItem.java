package org.suptools.portal.store;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.suptools.tr50.PortalErrorCodes;

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
 * @param ackTimeout seconds the thing has to ack the message once a {@code mailbox.check} handed it out;
 *     past them the portal completes it as a failure ({@link PortalErrorCodes#NO_ANSWER_WITHIN_TIMEOUT});
 *     empty waits for the ack however long
 * @param state new, in flight or completed
 * @param createdOn when it was queued
 * @param checkedOn when a {@code mailbox.check} handed it out
 * @param completedOn when it was acked
 * @param errorCode the ack's code, 0 on success
 * @param errorMessage the ack's message
 * @param result the ack's params
 * @param progress the {@code mailbox.update} texts, oldest first, the last {@value #MAX_PROGRESS} kept
 * @param completedBy who completed it: its ack, an auto-completing check, or the portal (files written
 *     before this field existed say nothing: an ack)
 */
public record MailboxItem(String id, String thingKey, Optional<String> campaignId, String method, ObjectNode params,
        int ttl, Optional<Integer> ackTimeout, MailboxState state, Instant createdOn, Optional<Instant> checkedOn, Optional<Instant> completedOn,
        Optional<Integer> errorCode, Optional<String> errorMessage, Optional<ObjectNode> result,
        List<Progress> progress, Optional<Completion> completedBy) {

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
        Objects.requireNonNull(ackTimeout, "ackTimeout");
        if (ackTimeout.isPresent() && ackTimeout.get() < 1) {
            throw new IllegalArgumentException("ackTimeout: must be at least 1 second, was " + ackTimeout.get());
        }
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(createdOn, "createdOn");
        Objects.requireNonNull(checkedOn, "checkedOn");
        Objects.requireNonNull(completedOn, "completedOn");
        Objects.requireNonNull(errorCode, "errorCode");
        Objects.requireNonNull(errorMessage, "errorMessage");
        Objects.requireNonNull(result, "result");
        progress = progress == null ? List.of() : List.copyOf(progress);
        completedBy = completedBy == null ? Optional.empty() : completedBy;
        if (state == MailboxState.COMPLETED && (completedOn.isEmpty() || errorCode.isEmpty())) {
            throw new IllegalArgumentException("a completed message has completedOn and errorCode");
        }
    }

    /** A new message, waiting for the thing, whose ack is awaited however long. */
    public static MailboxItem queued(String id, String thingKey, Optional<String> campaignId, String method,
            ObjectNode params, int ttl, Instant now) {
        return queued(id, thingKey, campaignId, method, params, ttl, Optional.empty(), now);
    }

    /** A new message, waiting for the thing; once handed out, it must be acked within {@code ackTimeout}. */
    public static MailboxItem queued(String id, String thingKey, Optional<String> campaignId, String method,
            ObjectNode params, int ttl, Optional<Integer> ackTimeout, Instant now) {
        return new MailboxItem(id, thingKey, campaignId, method, params, ttl, ackTimeout, MailboxState.NEW, now,
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), List.of(),
                Optional.empty());
    }

    /** Handed out by a {@code mailbox.check}. */
    MailboxItem checked(Instant now) {
        return new MailboxItem(id, thingKey, campaignId, method, params, ttl, ackTimeout, MailboxState.IN_FLIGHT,
                createdOn, Optional.of(now), completedOn, errorCode, errorMessage, result, progress, completedBy);
    }

    /** Completed by its ack ({@link Completion#ACK}), by an auto-completing check (code 0), or by the portal. */
    MailboxItem completed(Instant now, int code, Optional<String> message, Optional<ObjectNode> ackParams,
            Completion by) {
        return new MailboxItem(id, thingKey, campaignId, method, params, ttl, ackTimeout, MailboxState.COMPLETED,
                createdOn, Optional.of(checkedOn.orElse(now)), Optional.of(now), Optional.of(code), message, ackParams,
                progress, Optional.of(by));
    }

    MailboxItem withProgress(Instant now, String msg) {
        List<Progress> more = new ArrayList<>(progress);
        more.add(new Progress(now, msg));
        if (more.size() > MAX_PROGRESS) {
            more = more.subList(more.size() - MAX_PROGRESS, more.size());
        }
        return new MailboxItem(id, thingKey, campaignId, method, params, ttl, ackTimeout, state, createdOn, checkedOn,
                completedOn, errorCode, errorMessage, result, more, completedBy);
    }

    /** When the portal stops waiting for the ack: the hand-out plus the ack timeout, while in flight. */
    public Optional<Instant> ackDeadline() {
        if (state != MailboxState.IN_FLIGHT || ackTimeout.isEmpty() || checkedOn.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(checkedOn.get().plusSeconds(ackTimeout.get()));
    }

    /** Whether it is in flight and its ack deadline has come. */
    public boolean overdue(Instant now) {
        return ackDeadline().filter(deadline -> !now.isBefore(deadline)).isPresent();
    }

    /**
     * The message as it stands at {@code now}: an overdue one completed by the portal at its deadline (so
     * the record is the same whenever it is read or written), any other as it is.
     */
    public MailboxItem asOf(Instant now) {
        if (!overdue(now)) {
            return this;
        }
        Instant deadline = ackDeadline().orElseThrow();
        return completed(deadline, PortalErrorCodes.NO_ANSWER_WITHIN_TIMEOUT, Optional.of("no answer within the "
                + "timeout: the gateway took the message at " + checkedOn.orElseThrow() + " and sent no mailbox.ack"
                + " within " + describe(Duration.ofSeconds(ackTimeout.orElseThrow()))), Optional.empty(),
                Completion.TIMEOUT);
    }

    /**
     * Completed by the portal because its campaign was cancelled, if not completed already: a new message is
     * withdrawn (no check hands it out), one in flight stops counting (its gateway may finish; its ack is late).
     */
    MailboxItem cancelled(Instant now, String campaignId) {
        if (state == MailboxState.COMPLETED) {
            return this;
        }
        String what = state == MailboxState.NEW ? "withdrawn before the gateway took the message"
                : "the gateway had taken the message at " + checkedOn.orElseThrow()
                        + "; whatever it reports now does not change this record";
        return completed(now, PortalErrorCodes.CANCELLED, Optional.of("cancelled: campaign " + campaignId
                + " was cancelled at " + now + ", " + what), Optional.empty(), Completion.CANCEL);
    }

    /** Whether the portal completed it, so that an ack from the thing now is late. */
    public boolean completedByPortal() {
        return state == MailboxState.COMPLETED && completedBy.filter(Completion::byPortal).isPresent();
    }

    private static String describe(Duration waited) {
        long seconds = waited.getSeconds();
        String exact = seconds + " s";
        if (seconds >= 3600 && seconds % 60 == 0) {
            return exact + " (" + (seconds / 3600) + " h" + (seconds % 3600 == 0 ? "" : " " + (seconds % 3600 / 60)
                    + " min") + ")";
        }
        return seconds >= 60 && seconds % 60 == 0 ? exact + " (" + seconds / 60 + " min)" : exact;
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
