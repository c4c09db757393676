package org.suptools.agent.manage;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import org.suptools.agent.config.CaTrust;
import org.suptools.agent.store.Durable;

/**
 * The gateway's own TLS certificate for the management endpoint: a self-signed EC P-256 key and
 * certificate in a PKCS#12 store in the agent's state directory, made at the first start by the
 * running JDK's keytool (part of every Java runtime, so no crypto library ships with the agent).
 * The store and its password file are readable by the agent's user only (0600). Clients pin the
 * certificate by its SHA-256 fingerprint, which the agent logs at every start.
 */
public final class EndpointCertificate {

    static final String STORE = "endpoint.p12";
    static final String PASSWORD = "endpoint.pass";
    static final String ALIAS = "gateway";
    private static final long KEYTOOL_SECONDS = 60;

    private final KeyStore store;
    private final char[] password;
    private final X509Certificate certificate;

    private EndpointCertificate(KeyStore store, char[] password, X509Certificate certificate) {
        this.store = store;
        this.password = password;
        this.certificate = certificate;
    }

    /** The certificate in {@code dir}, made first when there is none. */
    public static EndpointCertificate loadOrCreate(Path dir, String commonName) throws IOException {
        Path storeFile = dir.resolve(STORE);
        Path passwordFile = dir.resolve(PASSWORD);
        if (!Files.isRegularFile(storeFile) || !Files.isRegularFile(passwordFile)) {
            create(dir, storeFile, passwordFile, commonName);
        }
        char[] password = Files.readString(passwordFile, StandardCharsets.US_ASCII).strip().toCharArray();
        try (InputStream in = Files.newInputStream(storeFile)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, password);
            if (!(store.getCertificate(ALIAS) instanceof X509Certificate certificate)) {
                throw new IOException(storeFile + " holds no certificate named " + ALIAS
                        + "; delete it and its " + PASSWORD + " to make a new one");
            }
            return new EndpointCertificate(store, password, certificate);
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot read the endpoint's certificate " + storeFile + ": " + e.getMessage(), e);
        }
    }

    private static void create(Path dir, Path storeFile, Path passwordFile, String commonName) throws IOException {
        Files.createDirectories(dir);
        Files.deleteIfExists(storeFile);
        byte[] random = new byte[24];
        new SecureRandom().nextBytes(random);
        String password = HexFormat.of().formatHex(random);
        Path partial = dir.resolve(STORE + ".part");
        Files.deleteIfExists(partial);
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        String dname = "CN=" + commonName.replaceAll("[,+=\"\\\\<>;#]", "_") + ", O=sup-agent";
        // keytool reads the password from a file given by -storepass:file, never from the command line.
        Path passFile = writePrivate(dir.resolve(PASSWORD + ".part"), password);
        Process process = new ProcessBuilder(List.of(keytool.toString(), "-genkeypair", "-keystore",
                partial.toString(), "-storetype", "PKCS12", "-storepass:file", passFile.toString(), "-alias", ALIAS,
                "-keyalg", "EC", "-groupname", "secp256r1", "-sigalg", "SHA256withECDSA", "-validity", "3650",
                "-dname", dname, "-ext", "san=dns:localhost,ip:127.0.0.1"))
                .redirectErrorStream(true).start();
        try {
            process.getOutputStream().close();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (!process.waitFor(KEYTOOL_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException(keytool + " did not finish within " + KEYTOOL_SECONDS + " s");
            }
            if (process.exitValue() != 0) {
                throw new IOException(keytool + " could not make the endpoint's certificate: " + output);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while making the endpoint's certificate", e);
        }
        setPrivate(partial);
        Durable.move(partial, storeFile);
        Durable.move(passFile, passwordFile);
    }

    private static Path writePrivate(Path file, String text) throws IOException {
        Files.deleteIfExists(file);
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(file, text, StandardCharsets.US_ASCII);
        return file;
    }

    private static void setPrivate(Path file) throws IOException {
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    }

    public X509Certificate certificate() {
        return certificate;
    }

    /** The SHA-256 of the certificate's DER bytes, as pairs of hex digits joined by colons. */
    public String fingerprint() {
        return fingerprintOf(certificate);
    }

    public static String fingerprintOf(X509Certificate certificate) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded());
            return HexFormat.ofDelimiter(":").withUpperCase().formatHex(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    /**
     * The server's TLS context. With {@code clientCa}, a client may present a certificate that
     * must chain to it (one that does not fails the handshake); without, none is asked for.
     */
    public SSLContext serverContext(Optional<Path> clientCa) throws IOException {
        try {
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(store, password);
            TrustManager[] trust = clientCa.isPresent() ? CaTrust.trustOf(clientCa.get()).getTrustManagers() : null;
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys.getKeyManagers(), trust, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot set up TLS for the management endpoint: " + e.getMessage(), e);
        }
    }
}
