package org.suptools.tr50;

import java.util.Optional;

/**
 * The payload of {@code notify/mailbox_activity}: {@code {sessionId, thingKey}}. It only says that
 * the mailbox has work; the answer is a {@link MailboxCheck}. Both fields are optional on reading
 * because a client needs neither to act.
 *
 * @param sessionId the portal session the notice is for
 * @param thingKey the thing whose mailbox has work
 */
public record MailboxActivity(Optional<String> sessionId, Optional<String> thingKey) {

    /** The notification's name, the last level of its topic. */
    public static final String NAME = "mailbox_activity";

    public MailboxActivity {
        Checks.nonBlank("sessionId", sessionId);
        Checks.nonBlank("thingKey", thingKey);
    }

    public Params toParams() {
        Params.Builder out = Params.builder();
        sessionId.ifPresent(v -> out.put("sessionId", v));
        thingKey.ifPresent(v -> out.put("thingKey", v));
        return out.build();
    }

    static MailboxActivity read(FieldReader in) throws Tr50Exception {
        Optional<String> sessionId = in.optionalString("sessionId");
        Optional<String> thingKey = in.optionalString("thingKey");
        return in.build(() -> new MailboxActivity(sessionId, thingKey));
    }
}
