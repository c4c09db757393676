package org.suptools.workbench.service;

import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Trust on first use: a gateway's agent has a self-signed certificate, so it is trusted by its
 * SHA-256 fingerprint, which the user compares with the one the agent logs. With a pinned
 * fingerprint only that exact certificate passes; without one (the first contact) any passes and
 * is remembered, so that it can be shown and asked about before anything is sent.
 */
final class PinnedTrust extends X509ExtendedTrustManager {

    private final String gateway;
    private final Optional<String> pinned;
    private volatile String presented;

    private PinnedTrust(String gateway, Optional<String> pinned) {
        this.gateway = gateway;
        this.pinned = pinned;
    }

    static PinnedTrust pinnedTo(String gateway, String fingerprint) {
        return new PinnedTrust(gateway, Optional.of(fingerprint));
    }

    static PinnedTrust firstContact(String gateway) {
        return new PinnedTrust(gateway, Optional.empty());
    }

    SSLContext context() {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {this}, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("TLS is part of every Java runtime", e);
        }
    }

    /** The fingerprint of the certificate the gateway presented, once a handshake got that far. */
    Optional<String> presented() {
        return Optional.ofNullable(presented);
    }

    static String fingerprintOf(X509Certificate certificate) throws CertificateException {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded());
            return HexFormat.ofDelimiter(":").withUpperCase().formatHex(digest);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    private void check(X509Certificate[] chain) throws CertificateException {
        if (chain == null || chain.length == 0) {
            throw new CertificateException("the gateway presented no certificate");
        }
        presented = fingerprintOf(chain[0]);
        if (pinned.isPresent() && !pinned.get().equals(presented)) {
            throw new CertificateException(new CertificateChangedException(gateway, pinned.get(), presented)
                    .getMessage());
        }
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        check(chain);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        check(chain);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        check(chain);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        throw new CertificateException("a client does not check clients");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        throw new CertificateException("a client does not check clients");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        throw new CertificateException("a client does not check clients");
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return new X509Certificate[0];
    }
}
