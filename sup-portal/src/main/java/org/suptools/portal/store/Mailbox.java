package org.suptools.portal.store;

import java.util.List;
import java.util.Objects;

/**
 * One thing's mailbox file: its messages, oldest first.
 *
 * @param thingKey the thing
 * @param messages every message it was sent, completed ones included
 */
public record Mailbox(String thingKey, List<MailboxItem> messages) {

    public Mailbox {
        Names.thingKey("thingKey", thingKey);
        messages = List.copyOf(Objects.requireNonNull(messages, "messages"));
    }
}
