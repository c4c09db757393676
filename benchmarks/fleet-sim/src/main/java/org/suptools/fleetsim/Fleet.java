package org.suptools.fleetsim;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The simulated fleet's names: member {@code i} (1 to {@code size}) is the thing
 * {@code <prefix><i>}, its number zero-padded to the width of {@code size} so the keys sort as the
 * numbers do, with app id {@code app-<key>} and app token {@code <secret>-<key>}. The register
 * command and the simulator derive the same credentials from the same three values, so nothing
 * else has to be handed over.
 *
 * @param prefix the keys' common start: letters, digits, '.', '_' or '-', starting with a letter or digit
 * @param size how many gateways, 1 or more
 * @param secret the tokens' common start: 8 to 64 letters or digits, made at random per run
 */
public record Fleet(String prefix, int size, String secret) {

    private static final Pattern PREFIX = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,100}");
    private static final Pattern SECRET = Pattern.compile("[A-Za-z0-9]{8,64}");

    public Fleet {
        if (prefix == null || !PREFIX.matcher(prefix).matches()) {
            throw new IllegalArgumentException("prefix: 1 to 101 letters, digits, '.', '_' or '-', starting with a"
                    + " letter or digit, was '" + prefix + "'");
        }
        if (size < 1) {
            throw new IllegalArgumentException("size: at least 1 gateway, was " + size);
        }
        if (secret == null || !SECRET.matcher(secret).matches()) {
            throw new IllegalArgumentException("secret: 8 to 64 letters or digits");
        }
    }

    /** One simulated gateway's credentials. */
    public record Member(String key, String appId, String token) {
    }

    /** Member {@code number}, 1 to {@link #size}. */
    public Member member(int number) {
        if (number < 1 || number > size) {
            throw new IllegalArgumentException("member: 1 to " + size + ", was " + number);
        }
        String digits = String.valueOf(number);
        String key = prefix + "0".repeat(String.valueOf(size).length() - digits.length()) + digits;
        return new Member(key, "app-" + key, secret + "-" + key);
    }

    public List<Member> members() {
        List<Member> all = new ArrayList<>(size);
        for (int i = 1; i <= size; i++) {
            all.add(member(i));
        }
        return all;
    }
}
