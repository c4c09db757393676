package org.suptools.portal.mqtt;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.security.spec.InvalidKeySpecException;
import java.util.Base64;
import java.util.List;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import org.suptools.portal.store.DataDir;
import org.suptools.portal.store.Names;
import org.suptools.portal.store.Thing;

/**
 * A mosquitto 2 setup for the portal's things: a password file (the thing keys with their app tokens and
 * the portal's own user, hashed as {@code mosquitto_passwd} does: PBKDF2-SHA512, {@code $7$}), an ACL file
 * ({@code pattern readwrite <base>/%u/#}: each thing only under its own key; the portal under
 * {@code <base>/#}) and a {@code mosquitto.conf} that uses them on one loopback listener. mosquitto reads
 * both files again on SIGHUP, so things added later need a new write and a SIGHUP.
 */
public final class MosquittoFiles {

    private static final int ITERATIONS = 101;
    private static final SecureRandom RANDOM = new SecureRandom();

    private MosquittoFiles() {
    }

    /**
     * Writes {@code passwd}, {@code acl} and {@code mosquitto.conf} into {@code dir}.
     *
     * @param listenAddress the listener's address, such as {@code 127.0.0.1}
     * @param port the listener's port
     */
    public static void write(Path dir, List<Thing> things, PortalCredentials portal, String base, String listenAddress,
            int port) {
        StringBuilder passwd = new StringBuilder();
        passwd.append(portal.user()).append(':').append(hash(portal.password())).append('\n');
        for (Thing thing : things) {
            passwd.append(thing.key()).append(':').append(hash(thing.token())).append('\n');
        }
        String prefix = base.isEmpty() ? "" : base + "/";
        String acl = """
                # Written by sup-portal mosquitto-config. The portal's own connection: every thing's topics.
                user %s
                topic readwrite %s#

                # Every thing (MQTT user name = thing key): only its own topics.
                pattern readwrite %s%%u/#
                """.formatted(Names.PORTAL_USER, prefix, prefix);
        String conf = """
                # Written by sup-portal mosquitto-config.
                per_listener_settings false
                listener %d %s
                allow_anonymous false
                password_file %s
                acl_file %s
                persistence false
                """.formatted(port, listenAddress, dir.resolve("passwd").toAbsolutePath(),
                dir.resolve("acl").toAbsolutePath());
        DataDir.writeAtomically(dir.resolve("passwd"), passwd.toString().getBytes(StandardCharsets.UTF_8));
        DataDir.writeAtomically(dir.resolve("acl"), acl.getBytes(StandardCharsets.UTF_8));
        DataDir.writeAtomically(dir.resolve("mosquitto.conf"), conf.getBytes(StandardCharsets.UTF_8));
    }

    /** A password as mosquitto 2's {@code mosquitto_passwd} writes it: {@code $7$iterations$salt$hash}. */
    static String hash(String password) {
        byte[] salt = new byte[12];
        RANDOM.nextBytes(salt);
        return hash(password, salt, ITERATIONS);
    }

    static String hash(String password, byte[] salt, int iterations) {
        try {
            PBEKeySpec spec = new PBEKeySpec(password.toCharArray(), salt, iterations, 64 * 8);
            byte[] key = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA512").generateSecret(spec).getEncoded();
            Base64.Encoder base64 = Base64.getEncoder();
            return "$7$" + iterations + "$" + base64.encodeToString(salt) + "$" + base64.encodeToString(key);
        } catch (NoSuchAlgorithmException | InvalidKeySpecException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA512 is part of every JDK", e);
        }
    }
}
