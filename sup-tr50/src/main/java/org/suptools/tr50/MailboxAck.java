package org.suptools.tr50;

import java.util.Optional;

/**
 * {@code mailbox.ack {id, errorCode, errorMessage, params}}: completes a mailbox message, with
 * {@code errorCode} 0 ({@link AckCodes#SUCCESS}) or the code of what went wrong. Any int is a
 * valid code: the device-side codes are in {@link AckCodes}, the installer has its own.
 *
 * @param id the mailbox message's id
 * @param errorCode 0 on success
 * @param errorMessage what went wrong; the installer sends {@code ""} on success
 * @param params the result for the caller, such as {@code {status, name, version}}
 */
public record MailboxAck(String id, int errorCode, Optional<String> errorMessage, Optional<Params> params)
        implements Tr50Command {

    public static final String NAME = "mailbox.ack";

    public MailboxAck {
        Checks.nonBlank("id", id);
        Checks.optional("errorMessage", errorMessage);
        Checks.optional("params", params);
    }

    @Override
    public String commandName() {
        return NAME;
    }

    @Override
    public Params toParams() {
        Params.Builder out = Params.builder().put("id", id).put("errorCode", errorCode);
        errorMessage.ifPresent(v -> out.put("errorMessage", v));
        params.ifPresent(v -> out.put("params", v));
        return out.build();
    }

    static MailboxAck read(FieldReader in) throws Tr50Exception {
        String id = in.string("id");
        int errorCode = in.integer("errorCode");
        Optional<String> errorMessage = in.optionalString("errorMessage");
        Optional<Params> params = in.optionalParams("params");
        return in.build(() -> new MailboxAck(id, errorCode, errorMessage, params));
    }
}
