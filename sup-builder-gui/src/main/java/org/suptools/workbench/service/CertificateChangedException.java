package org.suptools.workbench.service;

import java.io.IOException;

/**
 * A gateway presented another certificate than the one trusted for it: the connection is dropped
 * before anything (the token above all) is sent.
 */
public final class CertificateChangedException extends IOException {

    private final String trusted;
    private final String presented;

    public CertificateChangedException(String gateway, String trusted, String presented) {
        super("the certificate of " + gateway + " has CHANGED: trusted SHA-256 " + trusted + ", presented "
                + presented + ". Refused: nothing was sent. If the gateway's agent was set up again, compare the"
                + " new fingerprint with its log, then remove the gateway and add it again.");
        this.trusted = trusted;
        this.presented = presented;
    }

    public String trusted() {
        return trusted;
    }

    public String presented() {
        return presented;
    }
}
