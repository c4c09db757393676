package org.suptools.model.version;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A version as defined by <a href="https://semver.org/spec/v2.0.0.html">Semantic Versioning
 * 2.0.0</a>: {@code MAJOR.MINOR.PATCH}, optionally followed by {@code -} and dot-separated
 * pre-release identifiers, optionally followed by {@code +} and dot-separated build metadata
 * identifiers, for example {@code 1.0.0-rc.1+build.5}.
 *
 * <p>{@link #parse(String)} is strict: no {@code v} prefix, no leading zeros in numeric
 * identifiers, no empty identifiers, only {@code [0-9A-Za-z-]} in identifiers, and MAJOR, MINOR
 * and PATCH must fit in a {@code long}. Numeric pre-release identifiers may be of any length;
 * they are still compared numerically.
 *
 * <p><b>Equality and precedence differ.</b> {@link #compareTo(SemVer)} orders by precedence
 * (spec §11), which ignores build metadata, while {@link #equals(Object)}, as for any record,
 * compares every component. So {@code 1.0.0+a} and {@code 1.0.0+b} are not equal yet compare as
 * 0; use {@link #precedenceEquals(SemVer)} to ask whether two versions have the same precedence.
 * In a sorted set or map keyed by precedence, versions differing only in build metadata collide.
 *
 * <p>Serialized by Jackson as its string form and read back through {@link #parse(String)}.
 *
 * @param major      the MAJOR number, not negative
 * @param minor      the MINOR number, not negative
 * @param patch      the PATCH number, not negative
 * @param preRelease the pre-release identifiers, empty for a release
 * @param build      the build metadata identifiers, usually empty
 */
public record SemVer(long major, long minor, long patch, List<String> preRelease, List<String> build)
        implements Comparable<SemVer> {

    /** Checks every component with the same rules as {@link #parse(String)}. */
    public SemVer {
        requireNotNegative("major", major);
        requireNotNegative("minor", minor);
        requireNotNegative("patch", patch);
        preRelease = List.copyOf(Objects.requireNonNull(preRelease, "preRelease"));
        build = List.copyOf(Objects.requireNonNull(build, "build"));
        requireIdentifiers("preRelease", preRelease, true);
        requireIdentifiers("build", build, false);
    }

    /** The release version {@code major.minor.patch}, without pre-release or build metadata. */
    public static SemVer of(long major, long minor, long patch) {
        return new SemVer(major, minor, patch, List.of(), List.of());
    }

    /**
     * Parses a SemVer 2.0.0 version string.
     *
     * @throws IllegalArgumentException with a one-line message naming the part at fault, such as
     *     {@code '1.02.3' is not a SemVer 2.0 version: numeric identifier '02' has a leading zero}
     */
    @JsonCreator
    public static SemVer parse(String text) {
        Objects.requireNonNull(text, "text");
        if (text.isEmpty()) {
            throw invalid(text, "it is empty");
        }
        if (text.chars().anyMatch(Character::isWhitespace)) {
            throw invalid(text, "it contains whitespace");
        }
        if (text.charAt(0) == 'v' || text.charAt(0) == 'V') {
            throw invalid(text, "a '" + text.charAt(0) + "' prefix is not allowed");
        }
        int plus = text.indexOf('+');
        String withoutBuild = plus < 0 ? text : text.substring(0, plus);
        List<String> build = plus < 0 ? List.of() : identifiers(text, text.substring(plus + 1), false);
        int dash = withoutBuild.indexOf('-');
        String core = dash < 0 ? withoutBuild : withoutBuild.substring(0, dash);
        List<String> preRelease = dash < 0
                ? List.of() : identifiers(text, withoutBuild.substring(dash + 1), true);

        String[] numbers = core.split("\\.", -1);
        if (numbers.length != 3) {
            throw invalid(text, "expected MAJOR.MINOR.PATCH but the version core is '" + core + "'");
        }
        return new SemVer(number(text, "major", numbers[0]), number(text, "minor", numbers[1]),
                number(text, "patch", numbers[2]), preRelease, build);
    }

    /** True when this version has pre-release identifiers, such as {@code 1.0.0-beta}. */
    public boolean isPreRelease() {
        return !preRelease.isEmpty();
    }

    /** True when both versions have the same precedence, that is, equal apart from build metadata. */
    public boolean precedenceEquals(SemVer other) {
        return compareTo(other) == 0;
    }

    /**
     * Orders by precedence as spec §11 defines it: MAJOR, MINOR and PATCH numerically; then a
     * pre-release is lower than the release; then pre-release identifiers left to right, numeric
     * ones numerically, alphanumeric ones in ASCII order, numeric lower than alphanumeric, and a
     * shorter list lower when all its identifiers equal the other's. Build metadata is ignored,
     * so this ordering is not consistent with {@link #equals(Object)}.
     */
    @Override
    public int compareTo(SemVer other) {
        int byCore = compareCore(other);
        if (byCore != 0) {
            return byCore;
        }
        if (preRelease.isEmpty() || other.preRelease.isEmpty()) {
            return Boolean.compare(preRelease.isEmpty(), other.preRelease.isEmpty());
        }
        int common = Math.min(preRelease.size(), other.preRelease.size());
        for (int i = 0; i < common; i++) {
            int byIdentifier = compareIdentifiers(preRelease.get(i), other.preRelease.get(i));
            if (byIdentifier != 0) {
                return byIdentifier;
            }
        }
        return Integer.compare(preRelease.size(), other.preRelease.size());
    }

    /** The canonical string form, which {@link #parse(String)} reads back to an equal value. */
    @JsonValue
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder().append(major).append('.').append(minor).append('.').append(patch);
        if (!preRelease.isEmpty()) {
            text.append('-').append(String.join(".", preRelease));
        }
        if (!build.isEmpty()) {
            text.append('+').append(String.join(".", build));
        }
        return text.toString();
    }

    /** Compares MAJOR, MINOR and PATCH only. */
    int compareCore(SemVer other) {
        int byMajor = Long.compare(major, other.major);
        if (byMajor != 0) {
            return byMajor;
        }
        int byMinor = Long.compare(minor, other.minor);
        return byMinor != 0 ? byMinor : Long.compare(patch, other.patch);
    }

    private static int compareIdentifiers(String left, String right) {
        boolean leftNumeric = Identifiers.allDigits(left);
        boolean rightNumeric = Identifiers.allDigits(right);
        if (leftNumeric && rightNumeric) {
            // Without leading zeros, a longer digit string is a larger number, at any length.
            int byLength = Integer.compare(left.length(), right.length());
            return byLength != 0 ? byLength : left.compareTo(right);
        }
        if (leftNumeric != rightNumeric) {
            return leftNumeric ? -1 : 1;
        }
        return left.compareTo(right);
    }

    private static List<String> identifiers(String text, String dotted, boolean preRelease) {
        List<String> identifiers = Arrays.asList(dotted.split("\\.", -1));
        for (String identifier : identifiers) {
            String problem = Identifiers.identifierProblem(identifier, preRelease);
            if (problem != null) {
                throw invalid(text, problem);
            }
        }
        return identifiers;
    }

    private static long number(String text, String part, String digits) {
        String problem = Identifiers.numberProblem(part, digits);
        if (problem != null) {
            throw invalid(text, problem);
        }
        return Long.parseLong(digits);
    }

    private static IllegalArgumentException invalid(String text, String reason) {
        return new IllegalArgumentException("'" + text + "' is not a SemVer 2.0 version: " + reason);
    }

    private static void requireNotNegative(String field, long value) {
        if (value < 0) {
            throw new IllegalArgumentException(field + ": must not be negative, was " + value);
        }
    }

    private static void requireIdentifiers(String field, List<String> identifiers, boolean preRelease) {
        for (int i = 0; i < identifiers.size(); i++) {
            String problem = Identifiers.identifierProblem(
                    Objects.requireNonNull(identifiers.get(i), field + "[" + i + "]"), preRelease);
            if (problem != null) {
                throw new IllegalArgumentException(field + "[" + i + "]: " + problem);
            }
        }
    }
}
