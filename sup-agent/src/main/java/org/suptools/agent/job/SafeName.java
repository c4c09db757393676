package org.suptools.agent.job;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * The file name the agent keeps a mailbox message's files under. Mailbox ids come from the
 * network, so one is used as it is only when it is a plain name; any other (a slash, dots, a
 * very long id) becomes {@code id-} and a hash of it, which cannot leave the state directory.
 */
public final class SafeName {

    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,63}");

    private SafeName() {
    }

    public static String of(String mailboxId) {
        if (PLAIN.matcher(mailboxId).matches()) {
            return mailboxId;
        }
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(mailboxId.getBytes(StandardCharsets.UTF_8));
            return "id-" + HexFormat.of().formatHex(hash, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
