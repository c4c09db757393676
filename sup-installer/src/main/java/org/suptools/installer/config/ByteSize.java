package org.suptools.installer.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A number of bytes written the way people write it: a plain number of bytes ({@code 1048576},
 * quoted or not), or a whole number and a unit, with or without a space between
 * ({@code 64MiB}, {@code 1 MiB}, {@code 500MB}, {@code 2gib}). Units, in any case: {@code B};
 * {@code KB}, {@code MB}, {@code GB}, {@code TB} (powers of 1000); {@code KiB}, {@code MiB},
 * {@code GiB}, {@code TiB} (powers of 1024). docs/reference/gateway-config.md lists the same.
 */
public record ByteSize(long bytes) {

    private static final Pattern TEXT = Pattern.compile("(\\d{1,19})\\s*([kmgt]i?b|b)?", Pattern.CASE_INSENSITIVE);
    private static final String EXAMPLES = "examples: 1048576, 64MiB, 1 MiB, 500MB, 2GiB";

    public ByteSize {
        if (bytes < 0) {
            throw new IllegalArgumentException("must not be negative (" + EXAMPLES + ")");
        }
    }

    /** A plain number in the file is a number of bytes. */
    @JsonCreator
    public static ByteSize ofBytes(long bytes) {
        return new ByteSize(bytes);
    }

    @JsonCreator
    public static ByteSize parse(String text) {
        Matcher m = TEXT.matcher(text.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a size (" + EXAMPLES + ")");
        }
        long factor = switch (m.group(2) == null ? "b" : m.group(2).toLowerCase(Locale.ROOT)) {
            case "kib" -> 1L << 10;
            case "mib" -> 1L << 20;
            case "gib" -> 1L << 30;
            case "tib" -> 1L << 40;
            case "kb" -> 1_000L;
            case "mb" -> 1_000_000L;
            case "gb" -> 1_000_000_000L;
            case "tb" -> 1_000_000_000_000L;
            default -> 1L;
        };
        long amount;
        try {
            amount = Long.parseLong(m.group(1));
        } catch (NumberFormatException e) {
            throw tooLarge(text);
        }
        if (amount > Long.MAX_VALUE / factor) {
            throw tooLarge(text);
        }
        return new ByteSize(amount * factor);
    }

    private static IllegalArgumentException tooLarge(String text) {
        return new IllegalArgumentException("'" + text + "' is too large a size");
    }
}
