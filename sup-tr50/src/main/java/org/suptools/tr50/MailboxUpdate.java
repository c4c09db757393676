package org.suptools.tr50;

/**
 * {@code mailbox.update {id, msg}}: progress text for a mailbox message still in flight.
 *
 * @param id the mailbox message's id
 * @param msg the progress text
 */
public record MailboxUpdate(String id, String msg) implements Tr50Command {

    public static final String NAME = "mailbox.update";

    public MailboxUpdate {
        Checks.nonBlank("id", id);
        Checks.present("msg", msg);
    }

    @Override
    public String commandName() {
        return NAME;
    }

    @Override
    public Params toParams() {
        return Params.builder().put("id", id).put("msg", msg).build();
    }

    static MailboxUpdate read(FieldReader in) throws Tr50Exception {
        String id = in.string("id");
        String msg = in.string("msg");
        return in.build(() -> new MailboxUpdate(id, msg));
    }
}
