package org.suptools.portal.server;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Collections;
import java.util.Objects;

/**
 * The embedded broker's TLS listener: a key store (PKCS#12 or JKS) with the broker's private key and
 * certificate, and its password, read from a file so that it is in no command line or process list.
 *
 * @param keystore the key store file
 * @param password its password, also the private key's
 * @param port the TLS listener's port; 0 picks a free one
 */
public record BrokerTls(Path keystore, String password, int port) {

    public static final int DEFAULT_PORT = 8883;

    public BrokerTls {
        Objects.requireNonNull(keystore, "keystore");
        Objects.requireNonNull(password, "password");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("--mqtt-tls-port: must be 0 to 65535, was " + port);
        }
    }

    /**
     * Reads the password file (its first line) and checks that the key store opens with it and holds a
     * private key, so that a mistake is one clear line before the broker starts.
     *
     * @throws IllegalArgumentException naming the option and the file
     */
    public static BrokerTls read(Path keystore, Path passwordFile, int port) {
        String password;
        try {
            password = Files.readAllLines(passwordFile, StandardCharsets.UTF_8).stream().findFirst().orElse("");
        } catch (IOException e) {
            throw new IllegalArgumentException("--tls-password-file: " + passwordFile + ": cannot be read: "
                    + e.getMessage());
        }
        if (password.isEmpty()) {
            throw new IllegalArgumentException("--tls-password-file: " + passwordFile + ": the first line (the key "
                    + "store's password) is empty");
        }
        KeyStore store;
        try (InputStream in = Files.newInputStream(keystore)) {
            // PKCS12 reads JKS too (keystore.type.compat), so either kind of file works.
            store = KeyStore.getInstance("PKCS12");
            store.load(in, password.toCharArray());
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("--tls-keystore: " + keystore + ": cannot be opened with the password "
                    + "in " + passwordFile + ": " + (e.getMessage() == null ? e.getClass().getSimpleName()
                            : e.getMessage()));
        }
        try {
            boolean hasKey = false;
            for (String alias : Collections.list(store.aliases())) {
                hasKey |= store.isKeyEntry(alias);
            }
            if (!hasKey) {
                throw new IllegalArgumentException("--tls-keystore: " + keystore + ": holds no private key (the "
                        + "broker's key and certificate)");
            }
        } catch (java.security.KeyStoreException e) {
            throw new IllegalArgumentException("--tls-keystore: " + keystore + ": " + e.getMessage());
        }
        return new BrokerTls(keystore.toAbsolutePath(), password, port);
    }

    @Override
    public String toString() {
        // Never the password, in a log or an exception.
        return "BrokerTls[keystore=" + keystore + ", port=" + port + "]";
    }
}
