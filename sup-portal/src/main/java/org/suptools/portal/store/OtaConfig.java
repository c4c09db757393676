package org.suptools.portal.store;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import org.suptools.model.version.SemVer;

/**
 * What the plain HTTP backend offers every device (seed 003): the package its version check upgrades to,
 * if any, and the settings every answer carries.
 *
 * @param offer the package offered
 * @param settings the settings, each applied by the device to its configuration, in the order set
 */
public record OtaConfig(Optional<Offer> offer, List<Setting> settings) {

    private static final Pattern KEY = Pattern.compile("[A-Za-z][A-Za-z0-9._-]{0,63}");

    public OtaConfig {
        offer = offer == null ? Optional.empty() : offer;
        settings = settings == null ? List.of() : List.copyOf(settings);
        if (settings.stream().map(Setting::key).distinct().count() != settings.size()) {
            throw new IllegalArgumentException("settings: a key is set twice");
        }
    }

    public static OtaConfig none() {
        return new OtaConfig(Optional.empty(), List.of());
    }

    public OtaConfig withOffer(Optional<Offer> newOffer) {
        return new OtaConfig(newOffer, settings);
    }

    /** These settings with {@code key} set to {@code val}, in its old place or last. */
    public OtaConfig with(String key, String val) {
        Setting setting = new Setting(key, val);
        List<Setting> next = new ArrayList<>(settings);
        int at = next.stream().map(Setting::key).toList().indexOf(key);
        if (at < 0) {
            next.add(setting);
        } else {
            next.set(at, setting);
        }
        return new OtaConfig(offer, next);
    }

    public OtaConfig without(String key) {
        if (settings.stream().noneMatch(s -> s.key().equals(key))) {
            throw new IllegalArgumentException("KEY: no setting '" + key + "'");
        }
        return new OtaConfig(offer, settings.stream().filter(s -> !s.key().equals(key)).toList());
    }

    /**
     * The package the version check upgrades to.
     *
     * @param fileName the Developer File
     * @param blob its bytes when offered; a later upload of that name is not offered
     * @param name the package name, from its manifest
     * @param version its version, from its manifest
     * @param size its size in bytes
     * @param sha256 its SHA-256, lower-case hex
     */
    public record Offer(String fileName, String blob, String name, String version, long size, String sha256) {

        public Offer {
            Names.fileName("fileName", fileName);
            Names.fileName("blob", blob);
            Objects.requireNonNull(name, "name");
            SemVer.parse(version);
            if (size < 0 || sha256 == null || !sha256.matches("[0-9a-f]{64}")) {
                throw new IllegalArgumentException("size, sha256: out of range");
            }
        }
    }

    /**
     * One setting, as the seed writes it: both strings.
     *
     * @param key a letter, then up to 63 letters, digits, '.', '_' or '-'
     * @param val up to 1024 characters on one line
     */
    public record Setting(String key, String val) {

        public Setting {
            if (key == null || !KEY.matcher(key).matches()) {
                throw new IllegalArgumentException("KEY: a setting key is a letter, then up to 63 letters, digits, '.',"
                        + " '_' or '-', was " + Names.quote(key));
            }
            if (val == null || val.length() > 1024 || val.chars().anyMatch(Character::isISOControl)) {
                throw new IllegalArgumentException("VAL: a setting value is up to 1024 characters without control"
                        + " characters or line breaks");
            }
        }
    }
}
