package org.suptools.model.version;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SemVerPrecedenceTest {

    /** The example chain of spec §11.4, lowest first. */
    private static final List<String> SPEC_CHAIN = List.of(
            "1.0.0-alpha", "1.0.0-alpha.1", "1.0.0-alpha.beta", "1.0.0-beta", "1.0.0-beta.2",
            "1.0.0-beta.11", "1.0.0-rc.1", "1.0.0");

    @Test
    void compareTo_ordersTheSpecExampleChain() {
        List<SemVer> chain = SPEC_CHAIN.stream().map(SemVer::parse).toList();

        for (int i = 0; i < chain.size(); i++) {
            for (int j = 0; j < chain.size(); j++) {
                assertThat(Integer.signum(chain.get(i).compareTo(chain.get(j))))
                        .as("%s vs %s", chain.get(i), chain.get(j))
                        .isEqualTo(Integer.compare(i, j));
            }
        }
    }

    @Test
    void sort_restoresTheSpecExampleChainFromAnyOrder() {
        List<SemVer> shuffled = new ArrayList<>(SPEC_CHAIN.stream().map(SemVer::parse).toList());
        Collections.shuffle(shuffled, new Random(7));

        Collections.sort(shuffled);

        assertThat(shuffled).extracting(SemVer::toString).containsExactlyElementsOf(SPEC_CHAIN);
    }

    @ParameterizedTest(name = "{0} < {1}")
    @CsvSource({
        "1.0.0, 2.0.0",
        "2.0.0, 2.1.0",
        "2.1.0, 2.1.1",
        "1.9.0, 1.10.0",
        "1.0.9, 1.0.10",
        "9223372036854775806.0.0, 9223372036854775807.0.0",
        "1.0.0-rc.1, 1.0.0",
        "1.0.0, 1.0.1-alpha",
        "1.0.0-2, 1.0.0-11",
        "1.0.0-999, 1.0.0-a",
        "1.0.0-9223372036854775807, 1.0.0-99999999999999999999",
        "1.0.0-Beta, 1.0.0-alpha",
        "1.0.0-alpha, 1.0.0-alpha-1",
        "1.0.0-alpha.1, 1.0.0-alpha-1",
        "1.0.0-alpha.z, 1.0.0-alpha.z.0",
        "1.0.0-0, 1.0.0-0.0",
    })
    void compareTo_placesFirstBelowSecond(String lower, String higher) {
        SemVer low = SemVer.parse(lower);
        SemVer high = SemVer.parse(higher);

        assertThat(low.compareTo(high)).isNegative();
        assertThat(high.compareTo(low)).isPositive();
    }

    @Test
    void compareTo_ignoresBuildMetadata_butEqualsDoesNot() {
        SemVer first = SemVer.parse("1.0.0-rc.1+build.1");
        SemVer second = SemVer.parse("1.0.0-rc.1+build.2");

        assertThat(first.compareTo(second)).isZero();
        assertThat(first.precedenceEquals(second)).isTrue();
        assertThat(first).isNotEqualTo(second);
        assertThat(first.precedenceEquals(SemVer.parse("1.0.0-rc.2"))).isFalse();
    }

    @Test
    void compareTo_isAntisymmetricAndTransitiveOverRandomVersions() {
        Random random = new Random(20260101L);
        List<SemVer> versions = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            versions.add(randomVersion(random));
        }

        for (SemVer a : versions) {
            assertThat(SemVer.parse(a.toString())).isEqualTo(a);
            assertThat(a.compareTo(a)).isZero();
            for (SemVer b : versions) {
                int ab = Integer.signum(a.compareTo(b));
                assertThat(Integer.signum(b.compareTo(a))).as("%s vs %s", a, b).isEqualTo(-ab);
                assertThat(ab == 0).as("%s vs %s", a, b).isEqualTo(withoutBuild(a).equals(withoutBuild(b)));
            }
        }
        for (int i = 0; i < 200_000; i++) {
            SemVer a = versions.get(random.nextInt(versions.size()));
            SemVer b = versions.get(random.nextInt(versions.size()));
            SemVer c = versions.get(random.nextInt(versions.size()));
            if (a.compareTo(b) <= 0 && b.compareTo(c) <= 0) {
                assertThat(a.compareTo(c)).as("%s <= %s <= %s", a, b, c).isNotPositive();
            }
            if (a.compareTo(b) == 0) {
                assertThat(Integer.signum(a.compareTo(c))).isEqualTo(Integer.signum(b.compareTo(c)));
            }
        }
    }

    @Test
    void sortedRandomVersions_areInNonDecreasingOrderByHand() {
        Random random = new Random(42L);
        List<SemVer> versions = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            versions.add(randomVersion(random));
        }

        Collections.sort(versions);

        for (int i = 1; i < versions.size(); i++) {
            assertThat(notAbove(versions.get(i - 1), versions.get(i)))
                    .as("%s then %s", versions.get(i - 1), versions.get(i)).isTrue();
        }
    }

    /** Spec §11 restated independently of compareTo, for the small alphabet of randomVersion. */
    private static boolean notAbove(SemVer a, SemVer b) {
        long[] left = {a.major(), a.minor(), a.patch()};
        long[] right = {b.major(), b.minor(), b.patch()};
        for (int i = 0; i < 3; i++) {
            if (left[i] != right[i]) {
                return left[i] < right[i];
            }
        }
        if (a.preRelease().isEmpty()) {
            return b.preRelease().isEmpty();
        }
        if (b.preRelease().isEmpty()) {
            return true;
        }
        for (int i = 0; i < Math.min(a.preRelease().size(), b.preRelease().size()); i++) {
            String x = a.preRelease().get(i);
            String y = b.preRelease().get(i);
            if (!x.equals(y)) {
                boolean xNumeric = x.chars().allMatch(Character::isDigit);
                boolean yNumeric = y.chars().allMatch(Character::isDigit);
                if (xNumeric && yNumeric) {
                    return Long.parseLong(x) < Long.parseLong(y);
                }
                return xNumeric || !yNumeric && x.compareTo(y) < 0;
            }
        }
        return a.preRelease().size() <= b.preRelease().size();
    }

    private static SemVer withoutBuild(SemVer version) {
        return new SemVer(version.major(), version.minor(), version.patch(), version.preRelease(), List.of());
    }

    private static final String[] IDENTIFIERS = {"alpha", "beta", "rc", "Beta", "a-b", "0", "1", "2", "11", "0a"};

    private static SemVer randomVersion(Random random) {
        List<String> preRelease = new ArrayList<>();
        int preCount = random.nextInt(4);
        for (int i = 0; i < preCount; i++) {
            preRelease.add(IDENTIFIERS[random.nextInt(IDENTIFIERS.length)]);
        }
        List<String> build = random.nextInt(4) == 0 ? List.of("b" + random.nextInt(3)) : List.of();
        return new SemVer(random.nextInt(3), random.nextInt(3), random.nextInt(3), preRelease, build);
    }
}
