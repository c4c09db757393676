package org.suptools.agent.manage;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;

/**
 * The endpoint's bearer token. A presented token is compared in constant time, on SHA-256
 * digests so that neither its content nor its length shows in the time an answer takes.
 */
final class BearerToken {

    private static final String SCHEME = "Bearer ";
    private final byte[] expected;

    BearerToken(String token) {
        this.expected = digest(token);
    }

    /** True when the {@code Authorization} header carries this token. */
    boolean matches(Optional<String> authorization) {
        String presented = authorization.filter(h -> h.regionMatches(true, 0, SCHEME, 0, SCHEME.length()))
                .map(h -> h.substring(SCHEME.length()).strip()).orElse("");
        // Digested even when absent, so that a missing header takes the time a wrong one takes.
        boolean same = MessageDigest.isEqual(expected, digest(presented));
        return same && !presented.isEmpty();
    }

    private static byte[] digest(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    @Override
    public String toString() {
        return "BearerToken[hidden]";
    }
}
