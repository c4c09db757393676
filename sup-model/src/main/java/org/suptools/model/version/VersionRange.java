package org.suptools.model.version;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A set of acceptable versions, written in the subset of
 * <a href="https://github.com/npm/node-semver#ranges">node-semver</a> range syntax that a
 * package's targets use for runtime versions.
 *
 * <ul>
 *   <li>Comparators: {@code >=1.2.0}, {@code >1.2.0}, {@code <2.0.0}, {@code <=2.0.0},
 *       {@code =1.2.3} or bare {@code 1.2.3}. An operator may be written apart from its version:
 *       {@code >= 1.2.0}.</li>
 *   <li>Comparators separated by whitespace must all hold (AND); {@code ||} separates
 *       alternatives (OR): {@code >=1.2.0 <2.0.0 || >=3.0.0}.</li>
 *   <li>Caret, changes that keep the left-most non-zero number: {@code ^1.2.3} is
 *       {@code >=1.2.3 <2.0.0}, {@code ^0.2.3} is {@code >=0.2.3 <0.3.0}, {@code ^0.0.3} is
 *       {@code >=0.0.3 <0.0.4}.</li>
 *   <li>Tilde, patch-level changes: {@code ~1.2.3} is {@code >=1.2.3 <1.3.0}; {@code ~1} is
 *       {@code >=1.0.0 <2.0.0}.</li>
 *   <li>Hyphen ranges, both ends inclusive: {@code 1.2.3 - 2.3.4} is {@code >=1.2.3 <=2.3.4}; a
 *       partial upper end covers its whole series: {@code 1.2.3 - 2.3} is {@code >=1.2.3 <2.4.0}.</li>
 *   <li>Wildcards and partial versions (x-ranges): {@code 1.2.x}, {@code 1.2.*} and {@code 1.2}
 *       are {@code >=1.2.0 <1.3.0}; {@code 1.x} and {@code 1} are {@code >=1.0.0 <2.0.0};
 *       {@code *}, {@code x} and the empty string accept any release. With an operator a partial
 *       version stands for its series, as in node-semver: {@code >=1.2} is {@code >=1.2.0},
 *       {@code >1.2} is {@code >=1.3.0}, {@code <1.2} is {@code <1.2.0}, {@code <=1.2} is
 *       {@code <1.3.0}. Only wildcards may follow a wildcard ({@code 1.x.3} is refused), and
 *       pre-release or build metadata need a full version.</li>
 * </ul>
 *
 * <p>Every version is otherwise strict SemVer 2.0 as {@link SemVer#parse(String)} reads it: no
 * {@code v} prefix, no leading zeros. Unlike node-semver, an empty alternative next to {@code ||}
 * is refused rather than read as "any".
 *
 * <p><b>Pre-releases</b> follow node-semver's rule: a pre-release version is contained only if it
 * satisfies every comparator of some alternative <em>and</em> a comparator of that same
 * alternative names the same {@code MAJOR.MINOR.PATCH} with a pre-release. So
 * {@code >=1.2.3-beta.1 <2.0.0} contains {@code 1.2.3-beta.2} but not {@code 1.2.4-beta.1}, and
 * {@code *} or {@code ^1.0.0} contain no pre-release at all. To accept the pre-releases of a
 * version, name one in the range, as in {@code >=2.0.0-0}. Build metadata never matters.
 *
 * <p>Values are equal when their normalized text is equal; two ranges written differently are
 * different values even when they contain the same versions. Serialized by Jackson as the
 * normalized text and read back through {@link #parse(String)}.
 */
public final class VersionRange {

    private static final VersionRange ANY = parse("*");

    private final String text;
    private final List<List<Constraint>> alternatives;

    private VersionRange(RangeParser.Result parsed) {
        this.text = parsed.normalized();
        this.alternatives = parsed.sets();
    }

    /**
     * Parses a range.
     *
     * @throws IllegalArgumentException with a one-line message naming the part at fault, such as
     *     {@code '>=1.02' is not a valid version range: '1.02' is not a SemVer 2.0 version or
     *     x-range: numeric identifier '02' has a leading zero}
     */
    @JsonCreator
    public static VersionRange parse(String text) {
        return new VersionRange(RangeParser.parse(text));
    }

    /** The range {@code *}: every release, no pre-release. */
    public static VersionRange any() {
        return ANY;
    }

    /** Whether {@code version} is in this range, by the pre-release rule stated on this class. */
    public boolean contains(SemVer version) {
        return alternatives.stream().anyMatch(set -> containedIn(set, version));
    }

    /**
     * The range reduced to primitive comparators, node-semver style, for messages that explain
     * what a caret, tilde, hyphen or wildcard means: {@code ^0.2.3} gives
     * {@code >=0.2.3 <0.3.0}, {@code 1.x || *} gives {@code >=1.0.0 <2.0.0 || *}.
     */
    public String toComparatorString() {
        return alternatives.stream()
                .map(set -> set.isEmpty() ? "*"
                        : set.stream().map(Constraint::toString).collect(Collectors.joining(" ")))
                .collect(Collectors.joining(" || "));
    }

    /**
     * The range as written, with whitespace normalized: one space between comparators, operators
     * joined to their versions, {@code " || "} and {@code " - "} spaced; an empty range is
     * {@code *}.
     */
    @JsonValue
    @Override
    public String toString() {
        return text;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof VersionRange range && text.equals(range.text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    private static boolean containedIn(List<Constraint> set, SemVer version) {
        if (!set.stream().allMatch(constraint -> constraint.test(version))) {
            return false;
        }
        return !version.isPreRelease() || set.stream().anyMatch(constraint ->
                constraint.version().isPreRelease() && constraint.version().compareCore(version) == 0);
    }
}
