package org.suptools.tr50;

import java.util.Optional;

/**
 * {@code mailbox.check {autoComplete, limit}}: asks the portal for the mailbox messages waiting for
 * this thing. The reply's params are a {@link MailboxCheckResult}.
 *
 * @param autoComplete whether the portal marks the messages completed as it hands them out
 * @param limit at most this many messages, at least 1
 */
public record MailboxCheck(Optional<Boolean> autoComplete, Optional<Integer> limit) implements Tr50Command {

    public static final String NAME = "mailbox.check";

    public MailboxCheck {
        Checks.optional("autoComplete", autoComplete);
        Checks.atLeast("limit", 1, limit);
    }

    /** A check that leaves completing to the acks, as the agent does: {@code autoComplete: false}. */
    public static MailboxCheck manualCompletion() {
        return new MailboxCheck(Optional.of(false), Optional.empty());
    }

    @Override
    public String commandName() {
        return NAME;
    }

    @Override
    public Params toParams() {
        Params.Builder params = Params.builder();
        autoComplete.ifPresent(v -> params.put("autoComplete", v));
        limit.ifPresent(v -> params.put("limit", v));
        return params.build();
    }

    static MailboxCheck read(FieldReader in) throws Tr50Exception {
        Optional<Boolean> autoComplete = in.optionalBool("autoComplete");
        Optional<Integer> limit = in.optionalInteger("limit");
        return in.build(() -> new MailboxCheck(autoComplete, limit));
    }
}
