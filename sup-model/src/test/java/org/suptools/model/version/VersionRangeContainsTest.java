package org.suptools.model.version;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class VersionRangeContainsTest {

    @Test
    void comparators_holdAtTheirBoundaries() {
        assertContains(">=1.2.0", "1.2.0", "1.2.1", "9.0.0");
        assertExcludes(">=1.2.0", "1.1.9", "0.0.0");
        assertContains(">1.2.0", "1.2.1");
        assertExcludes(">1.2.0", "1.2.0");
        assertContains("<2.0.0", "1.99.99", "0.0.0");
        assertExcludes("<2.0.0", "2.0.0");
        assertContains("<=2.0.0", "2.0.0");
        assertExcludes("<=2.0.0", "2.0.1");
        assertContains("=1.2.3", "1.2.3");
        assertExcludes("=1.2.3", "1.2.4", "1.2.2");
        assertContains("1.2.3", "1.2.3");
        assertExcludes("1.2.3", "1.2.4");
    }

    @Test
    void spaceSeparatedComparators_mustAllHold() {
        assertContains(">=1.2.0 <2.0.0", "1.2.0", "1.9.9");
        assertExcludes(">=1.2.0 <2.0.0", "1.1.0", "2.0.0");
        assertExcludes(">=2.0.0 <1.0.0", "1.5.0", "2.0.0", "0.5.0");
    }

    @Test
    void alternatives_acceptAVersionInAnyOfThem() {
        String range = "1.x || >=2.5.0 <3.0.0 || 5.0.0 - 7.2.3";

        assertContains(range, "1.0.0", "1.9.0", "2.5.0", "2.9.9", "5.0.0", "7.2.3");
        assertExcludes(range, "0.9.0", "2.0.0", "2.4.9", "3.0.0", "4.9.9", "7.2.4");
    }

    @Test
    void caret_allowsChangesThatKeepTheLeftMostNonZeroNumber() {
        assertContains("^1.2.3", "1.2.3", "1.2.4", "1.9.0");
        assertExcludes("^1.2.3", "1.2.2", "2.0.0");
        assertContains("^0.2.3", "0.2.3", "0.2.9");
        assertExcludes("^0.2.3", "0.3.0", "0.2.2", "1.0.0");
        assertContains("^0.0.3", "0.0.3");
        assertExcludes("^0.0.3", "0.0.4", "0.0.2", "0.1.0");
    }

    @Test
    void tilde_allowsPatchLevelChanges() {
        assertContains("~1.2.3", "1.2.3", "1.2.99");
        assertExcludes("~1.2.3", "1.3.0", "1.2.2");
        assertContains("~1", "1.0.0", "1.99.0");
        assertExcludes("~1", "2.0.0");
    }

    @Test
    void hyphenRange_includesBothEnds() {
        assertContains("1.2.3 - 2.3.4", "1.2.3", "2.0.0", "2.3.4");
        assertExcludes("1.2.3 - 2.3.4", "1.2.2", "2.3.5");
    }

    @Test
    void hyphenRange_partialUpperEnd_coversItsWholeSeries() {
        assertContains("1.2.3 - 2.3", "2.3.0", "2.3.99");
        assertExcludes("1.2.3 - 2.3", "2.4.0");
        assertContains("1.2 - 2", "1.2.0", "2.99.99");
        assertExcludes("1.2 - 2", "1.1.9", "3.0.0");
    }

    @Test
    void wildcards_matchTheirWholeSeries() {
        assertContains("1.2.x", "1.2.0", "1.2.99");
        assertExcludes("1.2.x", "1.3.0", "1.1.99");
        assertContains("1.x", "1.0.0", "1.99.0");
        assertExcludes("1.x", "2.0.0", "0.99.0");
    }

    @Test
    void partialVersionWithOperator_standsForItsSeries() {
        assertContains(">1.2", "1.3.0");
        assertExcludes(">1.2", "1.2.99");
        assertContains("<=1.2", "1.2.99");
        assertExcludes("<=1.2", "1.3.0");
        assertContains(">=1.2", "1.2.0");
        assertExcludes("<1.2", "1.2.0");
    }

    @Test
    void anyRange_containsEveryRelease() {
        for (String any : List.of("*", "", "x", "X", "*.*", ">=*")) {
            assertContains(any, "0.0.0", "1.2.3", "9223372036854775807.9223372036854775807.9223372036854775807");
        }
        assertThat(VersionRange.any().contains(SemVer.parse("4.5.6"))).isTrue();
    }

    @Test
    void impossibleRange_containsNothing() {
        assertExcludes("<*", "0.0.0", "0.0.0-0", "1.0.0");
        assertExcludes(">*", "0.0.0", "0.0.0-0", "1.0.0");
        assertExcludes("<0.0.0", "0.0.0-0");
    }

    @Test
    void preRelease_isExcludedWhenNoComparatorNamesAPreReleaseOfItsVersion() {
        assertExcludes("*", "1.0.0-beta");
        assertExcludes("^1.2.3", "1.3.0-beta", "1.2.4-rc.1");
        assertExcludes(">=1.0.0", "1.5.0-rc.1");
        assertExcludes("1.x", "1.5.0-rc.1");
    }

    @Test
    void preRelease_ofTheUpperBoundIsExcludedEvenThoughItSortsBelowIt() {
        assertThat(SemVer.parse("2.0.0-rc.1")).isLessThan(SemVer.parse("2.0.0"));

        assertExcludes(">=1.0.0 <2.0.0", "2.0.0-rc.1");
        assertExcludes("^1.0.0", "2.0.0-rc.1");
    }

    @Test
    void preRelease_isContainedWhenAComparatorNamesAPreReleaseOfTheSameVersion() {
        String range = ">=1.2.3-alpha.3 <2.0.0";

        assertContains(range, "1.2.3-alpha.3", "1.2.3-alpha.7", "1.2.3-beta", "1.2.3", "1.5.0");
        assertExcludes(range, "1.2.3-alpha.2", "1.2.4-alpha.1", "1.5.0-rc.1", "3.4.5-alpha.9");
    }

    @Test
    void preRelease_mustBeNamedInTheSameAlternative() {
        String range = ">=1.2.3-beta <1.3.0 || >=2.0.0";

        assertContains(range, "1.2.3-beta.1", "2.0.0");
        assertExcludes(range, "2.0.1-beta", "2.0.0-beta");
    }

    @Test
    void preRelease_ofCaretAndTildeBase_keepsItsPreReleases() {
        assertContains("^1.2.3-beta.2", "1.2.3-beta.2", "1.2.3-beta.4", "1.2.3", "1.9.0");
        assertExcludes("^1.2.3-beta.2", "1.2.3-beta.1", "1.2.4-beta.1");
        assertContains("~1.2.3-rc.1", "1.2.3-rc.2", "1.2.9");
        assertExcludes("~1.2.3-rc.1", "1.2.4-rc.1");
    }

    @Test
    void preRelease_zeroIdentifierOptsIntoEveryPreReleaseOfThatVersion() {
        assertContains(">=2.0.0-0", "2.0.0-0", "2.0.0-alpha", "2.0.0-rc.1", "2.0.0", "2.1.0");
        assertExcludes(">=2.0.0-0", "2.1.0-rc.1", "1.9.9");
    }

    @Test
    void buildMetadata_isIgnored() {
        assertContains("=1.2.3", "1.2.3+build.5");
        assertContains("1.2.3+b1", "1.2.3+b2", "1.2.3");
        assertContains(">=1.0.0 <=2.0.0", "2.0.0+anything");
    }

    @Test
    void alternativesAndHyphens_agreeWithTheirPartsOverRandomVersions() {
        Random random = new Random(20260102L);
        for (int i = 0; i < 5000; i++) {
            SemVer version = randomVersion(random);
            SemVer low = randomRelease(random);
            SemVer high = randomRelease(random);
            VersionRange first = VersionRange.parse("^" + low);
            VersionRange second = VersionRange.parse("~" + high);

            assertThat(VersionRange.parse(first + " || " + second).contains(version))
                    .as("%s in %s || %s", version, first, second)
                    .isEqualTo(first.contains(version) || second.contains(version));
            assertThat(VersionRange.parse(low + " - " + high).contains(version))
                    .as("%s in %s - %s", version, low, high)
                    .isEqualTo(!version.isPreRelease() && low.compareTo(version) <= 0 && version.compareTo(high) <= 0);
            assertThat(VersionRange.parse(">=" + low + " <=" + high).contains(version))
                    .isEqualTo(VersionRange.parse(low + " - " + high).contains(version));
            assertThat(VersionRange.parse(version.major() + "." + version.minor() + ".x").contains(version))
                    .isEqualTo(!version.isPreRelease());
            assertThat(VersionRange.parse("^" + version).contains(version)).as("^%s", version).isTrue();
            assertThat(VersionRange.parse("~" + version).contains(version)).as("~%s", version).isTrue();
        }
    }

    private static SemVer randomRelease(Random random) {
        return SemVer.of(random.nextInt(3), random.nextInt(3), random.nextInt(3));
    }

    private static SemVer randomVersion(Random random) {
        List<String> preRelease = new ArrayList<>();
        if (random.nextBoolean()) {
            preRelease.add(random.nextBoolean() ? "rc" : "beta");
            preRelease.add(Integer.toString(random.nextInt(3)));
        }
        return new SemVer(random.nextInt(3), random.nextInt(3), random.nextInt(3), preRelease, List.of());
    }

    private static void assertContains(String range, String... versions) {
        VersionRange parsed = VersionRange.parse(range);
        for (String version : versions) {
            assertThat(parsed.contains(SemVer.parse(version))).as("'%s' contains %s", range, version).isTrue();
        }
    }

    private static void assertExcludes(String range, String... versions) {
        VersionRange parsed = VersionRange.parse(range);
        for (String version : versions) {
            assertThat(parsed.contains(SemVer.parse(version))).as("'%s' excludes %s", range, version).isFalse();
        }
    }
}
