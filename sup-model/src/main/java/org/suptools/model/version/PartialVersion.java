package org.suptools.model.version;

import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * A version in a range that may stop early or end in wildcards: {@code 1.2.3-beta}, {@code 1.2},
 * {@code 1.2.x}, {@code 1}, {@code 1.x.x} or {@code *}. {@code precision} counts the numbers
 * given (0 to 3); the omitted ones are 0 in {@code floor}. Pre-release and build metadata are
 * only allowed on a full version.
 */
record PartialVersion(int precision, SemVer floor) {

    PartialVersion {
        Objects.requireNonNull(floor, "floor");
        if (precision < 0 || precision > 3) {
            throw new IllegalArgumentException("precision: must be 0 to 3, was " + precision);
        }
    }

    static PartialVersion parse(String text) {
        if (text.isEmpty()) {
            throw new IllegalArgumentException("a version is missing");
        }
        if (text.indexOf('-') >= 0 || text.indexOf('+') >= 0) {
            return new PartialVersion(3, SemVer.parse(text));
        }
        String[] parts = text.split("\\.", -1);
        if (parts.length > 3 || parts.length == 3 && Arrays.stream(parts).noneMatch(PartialVersion::isWildcard)) {
            return new PartialVersion(3, SemVer.parse(text));
        }
        long[] numbers = new long[3];
        int precision = 0;
        String[] names = {"major", "minor", "patch"};
        for (int i = 0; i < parts.length; i++) {
            if (isWildcard(parts[i])) {
                continue;
            }
            String problem = Identifiers.numberProblem(names[i], parts[i]);
            if (problem != null) {
                throw invalid(text, problem);
            }
            if (precision < i) {
                throw invalid(text, "'" + parts[i] + "' follows a wildcard; only wildcards may follow one");
            }
            numbers[i] = Long.parseLong(parts[i]);
            precision++;
        }
        return new PartialVersion(precision, SemVer.of(numbers[0], numbers[1], numbers[2]));
    }

    boolean isFull() {
        return precision == 3;
    }

    boolean isAny() {
        return precision == 0;
    }

    /**
     * The lowest version above every version this partial stands for, once it is not full: for
     * {@code 1} (= {@code 1.x}) it is {@code 2.0.0}, for {@code 1.2} it is {@code 1.3.0}. Empty
     * when the count would overflow, since then there is no such version.
     */
    Optional<SemVer> ceiling() {
        return switch (precision) {
            case 1 -> bumpMajor(floor);
            case 2 -> bumpMinor(floor);
            default -> throw new IllegalStateException("no ceiling for precision " + precision);
        };
    }

    static Optional<SemVer> bumpMajor(SemVer version) {
        return version.major() == Long.MAX_VALUE
                ? Optional.empty() : Optional.of(SemVer.of(version.major() + 1, 0, 0));
    }

    static Optional<SemVer> bumpMinor(SemVer version) {
        return version.minor() == Long.MAX_VALUE
                ? Optional.empty() : Optional.of(SemVer.of(version.major(), version.minor() + 1, 0));
    }

    static Optional<SemVer> bumpPatch(SemVer version) {
        return version.patch() == Long.MAX_VALUE ? Optional.empty()
                : Optional.of(SemVer.of(version.major(), version.minor(), version.patch() + 1));
    }

    private static boolean isWildcard(String part) {
        return part.equals("x") || part.equals("X") || part.equals("*");
    }

    private static IllegalArgumentException invalid(String text, String reason) {
        return new IllegalArgumentException("'" + text + "' is not a SemVer 2.0 version or x-range: " + reason);
    }
}
