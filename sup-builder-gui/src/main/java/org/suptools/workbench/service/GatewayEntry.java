package org.suptools.workbench.service;

import java.net.URI;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A remote gateway the Packages tab knows: its name, its agent's management endpoint, and the
 * SHA-256 fingerprint of the certificate the user trusted on first contact. Its token is kept
 * apart, in a file of its own ({@link GatewayBook}).
 *
 * @param address {@code https://host:port} of the agent's management endpoint
 * @param certificateSha256 pairs of upper-case hex digits joined by colons, as the agent logs it
 */
public record GatewayEntry(String name, URI address, String certificateSha256) {

    /** Names become file names (the token's): letters, digits, dot, dash and underscore. */
    public static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final Pattern FINGERPRINT = Pattern.compile("([0-9A-F]{2}:){31}[0-9A-F]{2}");

    public GatewayEntry {
        Objects.requireNonNull(name, "name");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("name: use letters, digits, '.', '-' and '_' (up to 64), was '" + name
                    + "'");
        }
        address = address(address);
        Objects.requireNonNull(certificateSha256, "certificateSha256");
        certificateSha256 = certificateSha256.toUpperCase(Locale.ROOT);
        if (!FINGERPRINT.matcher(certificateSha256).matches()) {
            throw new IllegalArgumentException("certificateSha256: must be 32 hex pairs joined by ':'");
        }
    }

    /** Checks an address as a user typed it: {@code https://host:port}, the port required. */
    public static URI address(URI address) {
        Objects.requireNonNull(address, "address");
        if (!"https".equalsIgnoreCase(address.getScheme()) || address.getHost() == null || address.getPort() < 0) {
            throw new IllegalArgumentException("address: must be https://host:port (the agent's manage.address and"
                    + " manage.port), was '" + address + "'");
        }
        return URI.create("https://" + address.getRawAuthority());
    }

    /** As the Packages tab lists it. */
    public String label() {
        return name + " (" + address.getHost() + ":" + address.getPort() + ")";
    }
}
