package org.suptools.portal.service;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.logging.Logger;
import org.suptools.portal.store.MailboxItem;
import org.suptools.portal.store.Mailboxes;

/**
 * The ack deadlines of the messages in flight, soonest first, so that the serving portal completes a
 * message whose gateway never answers without reading every mailbox on every tick. It learns a deadline
 * when a {@code mailbox.check} hands a message out, and reads the mailboxes once when it starts (a portal
 * restarted finds the messages handed out before). A sweep completes what is due on the portal's clock.
 * Reading a record does not wait for a sweep: {@link MailboxItem#asOf} already shows it completed.
 */
public final class AckDeadlines {

    private static final Logger LOG = Logger.getLogger(AckDeadlines.class.getName());

    private final Mailboxes mailboxes;
    private final Clock clock;
    private final PriorityQueue<Due> queue = new PriorityQueue<>((a, b) -> a.at().compareTo(b.at()));

    private AckDeadlines(Mailboxes mailboxes, Clock clock) {
        this.mailboxes = mailboxes;
        this.clock = clock;
    }

    /** The deadlines of every message now in flight. */
    public static AckDeadlines load(Mailboxes mailboxes, Clock clock) {
        AckDeadlines deadlines = new AckDeadlines(mailboxes, clock);
        for (String thingKey : mailboxes.thingKeys()) {
            mailboxes.mailbox(thingKey).messages().forEach(deadlines::watch);
        }
        return deadlines;
    }

    /** Watches a message handed out; one without an ack timeout, or not in flight, is ignored. */
    public synchronized void watch(MailboxItem item) {
        item.ackDeadline().ifPresent(at -> queue.add(new Due(at, item.thingKey())));
    }

    /**
     * Completes, as failures, the messages whose deadline has come on the portal's clock.
     *
     * @return the messages so completed
     */
    public List<MailboxItem> sweep() {
        Instant now = clock.instant();
        Set<String> things = new LinkedHashSet<>();
        synchronized (this) {
            while (!queue.isEmpty() && !now.isBefore(queue.peek().at())) {
                things.add(queue.poll().thingKey());
            }
        }
        List<MailboxItem> timedOut = new ArrayList<>();
        for (String thingKey : things) {
            // A message acked meanwhile is no longer overdue: the mailbox decides, under its lock.
            for (MailboxItem item : mailboxes.timeOutOverdue(thingKey, now)) {
                LOG.info(() -> "mailbox message " + item.id() + " of " + thingKey + " failed: "
                        + item.errorMessage().orElse(""));
                timedOut.add(item);
            }
        }
        return timedOut;
    }

    /** How many deadlines are watched, for tests. */
    synchronized int watched() {
        return queue.size();
    }

    private record Due(Instant at, String thingKey) {
    }
}
