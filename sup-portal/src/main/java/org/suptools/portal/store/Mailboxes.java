package org.suptools.portal.store;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The things' mailboxes, one file each under {@code mailboxes/}, and their state machine: a message is
 * {@code new} until a {@code mailbox.check} hands it out ({@code in-flight}), then {@code completed} by
 * its one {@code mailbox.ack}. A check hands out only new messages, as the portal does; a second ack of
 * the same message changes nothing and says so.
 */
public final class Mailboxes {

    private final DataDir data;

    public Mailboxes(DataDir data) {
        this.data = data;
    }

    /** Queues the messages; one whose id is already in its thing's mailbox is left as it is. */
    public void send(Collection<MailboxItem> items) {
        Map<String, List<MailboxItem>> byThing = new LinkedHashMap<>();
        items.forEach(item -> byThing.computeIfAbsent(item.thingKey(), k -> new ArrayList<>()).add(item));
        data.locked(() -> byThing.forEach((thingKey, added) -> {
            List<MailboxItem> messages = new ArrayList<>(mailbox(thingKey).messages());
            for (MailboxItem item : added) {
                if (messages.stream().noneMatch(m -> m.id().equals(item.id()))) {
                    messages.add(item);
                }
            }
            data.write(file(thingKey), new Mailbox(thingKey, messages));
        }));
    }

    /**
     * Hands out the thing's new messages, oldest first, at most {@code limit}: they go in flight, or
     * straight to completed (code 0) when {@code autoComplete}.
     *
     * @return the messages handed out, in their new state
     */
    public List<MailboxItem> check(String thingKey, boolean autoComplete, Optional<Integer> limit, Instant now) {
        return data.locked(() -> {
            List<MailboxItem> messages = new ArrayList<>(mailbox(thingKey).messages());
            List<MailboxItem> handedOut = new ArrayList<>();
            for (int i = 0; i < messages.size() && handedOut.size() < limit.orElse(Integer.MAX_VALUE); i++) {
                MailboxItem item = messages.get(i);
                if (item.state() != MailboxState.NEW || item.expired(now)) {
                    continue;
                }
                MailboxItem out = autoComplete ? item.checked(now).completed(now, 0, Optional.empty(), Optional.empty(),
                        Completion.AUTO_COMPLETE)
                        : item.checked(now);
                messages.set(i, out);
                handedOut.add(out);
            }
            if (!handedOut.isEmpty()) {
                data.write(file(thingKey), new Mailbox(thingKey, messages));
            }
            return handedOut;
        });
    }

    /** Adds progress text to a message not yet completed. */
    public MailboxOutcome update(String thingKey, String id, String msg, Instant now) {
        return change(thingKey, id, now, item -> item.withProgress(now, msg));
    }

    /**
     * Completes a message with the ack's code, message and params; only once. A message whose ack
     * deadline has come is completed by the portal first, whether or not a sweep got to it yet, so an ack
     * after the deadline is late however soon after it arrives.
     */
    public MailboxOutcome ack(String thingKey, String id, int errorCode, Optional<String> errorMessage,
            Optional<ObjectNode> params, Instant now) {
        return change(thingKey, id, now, item -> item.completed(now, errorCode, errorMessage, params, Completion.ACK));
    }

    /**
     * Completes, as failures, the thing's in-flight messages whose ack deadline has come.
     *
     * @return the messages so completed, in their new state
     */
    public List<MailboxItem> timeOutOverdue(String thingKey, Instant now) {
        return data.locked(() -> {
            List<MailboxItem> messages = new ArrayList<>(mailbox(thingKey).messages());
            List<MailboxItem> timedOut = new ArrayList<>();
            for (int i = 0; i < messages.size(); i++) {
                if (messages.get(i).overdue(now)) {
                    messages.set(i, messages.get(i).asOf(now));
                    timedOut.add(messages.get(i));
                }
            }
            if (!timedOut.isEmpty()) {
                data.write(file(thingKey), new Mailbox(thingKey, messages));
            }
            return timedOut;
        });
    }

    /**
     * Completes a campaign's message as cancelled unless it is completed already (or overdue: then its
     * timeout stands, at its deadline).
     *
     * @return the message as it now stands, or empty when the thing has no such message
     */
    public Optional<MailboxItem> cancel(String thingKey, String id, String campaignId, Instant now) {
        return data.locked(() -> {
            List<MailboxItem> messages = new ArrayList<>(mailbox(thingKey).messages());
            for (int i = 0; i < messages.size(); i++) {
                MailboxItem stored = messages.get(i);
                if (stored.id().equals(id)) {
                    MailboxItem item = stored.asOf(now).cancelled(now, campaignId);
                    if (item != stored) {
                        messages.set(i, item);
                        data.write(file(thingKey), new Mailbox(thingKey, messages));
                    }
                    return Optional.of(item);
                }
            }
            return Optional.empty();
        });
    }

    /** The keys of every thing that has a mailbox file, by key. */
    public List<String> thingKeys() {
        Path dir = data.resolve("mailboxes");
        if (!java.nio.file.Files.isDirectory(dir)) {
            return List.of();
        }
        try (java.util.stream.Stream<Path> files = java.nio.file.Files.list(dir)) {
            return files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".json"))
                    .map(n -> n.substring(0, n.length() - ".json".length())).filter(Names::isThingKey).sorted()
                    .toList();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    public Optional<MailboxItem> find(String thingKey, String id) {
        return mailbox(thingKey).messages().stream().filter(m -> m.id().equals(id)).findFirst();
    }

    public Mailbox mailbox(String thingKey) {
        return data.read(file(thingKey), Mailbox.class).orElseGet(() -> new Mailbox(thingKey, List.of()));
    }

    private MailboxOutcome change(String thingKey, String id, Instant now, UnaryOperator<MailboxItem> change) {
        return data.locked(() -> {
            List<MailboxItem> messages = new ArrayList<>(mailbox(thingKey).messages());
            for (int i = 0; i < messages.size(); i++) {
                MailboxItem stored = messages.get(i);
                if (stored.id().equals(id)) {
                    MailboxItem item = stored.asOf(now);
                    if (item != stored) {
                        messages.set(i, item);
                        data.write(file(thingKey), new Mailbox(thingKey, messages));
                    }
                    if (item.completedByPortal()) {
                        return new MailboxOutcome.CompletedByPortal(item);
                    }
                    if (item.state() == MailboxState.COMPLETED) {
                        return new MailboxOutcome.AlreadyCompleted(item);
                    }
                    MailboxItem changed = change.apply(item);
                    messages.set(i, changed);
                    data.write(file(thingKey), new Mailbox(thingKey, messages));
                    return new MailboxOutcome.Done(changed);
                }
            }
            return new MailboxOutcome.NotFound(id);
        });
    }

    private Path file(String thingKey) {
        return data.resolve("mailboxes").resolve(Names.thingKey("thingKey", thingKey) + ".json");
    }
}
