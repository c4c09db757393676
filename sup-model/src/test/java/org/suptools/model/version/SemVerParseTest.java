package org.suptools.model.version;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SemVerParseTest {

    @Test
    void parse_readsEveryComponent() {
        SemVer version = SemVer.parse("1.2.3-rc.1+build.5");

        assertThat(version.major()).isEqualTo(1);
        assertThat(version.minor()).isEqualTo(2);
        assertThat(version.patch()).isEqualTo(3);
        assertThat(version.preRelease()).containsExactly("rc", "1");
        assertThat(version.build()).containsExactly("build", "5");
        assertThat(version.isPreRelease()).isTrue();
    }

    @Test
    void parse_releaseHasNoPreReleaseOrBuild() {
        SemVer version = SemVer.parse("10.20.30");

        assertThat(version).isEqualTo(SemVer.of(10, 20, 30));
        assertThat(version.isPreRelease()).isFalse();
        assertThat(version.build()).isEmpty();
    }

    @Test
    void parse_splitsBuildAtFirstPlusAndPreReleaseAtFirstHyphen() {
        SemVer version = SemVer.parse("1.0.0-x-y.1+z-w.2");

        assertThat(version.preRelease()).containsExactly("x-y", "1");
        assertThat(version.build()).containsExactly("z-w", "2");
    }

    /** The valid examples of the test suite published with the semver.org regular expression. */
    @ParameterizedTest
    @ValueSource(strings = {
        "0.0.4", "1.2.3", "10.20.30", "1.1.2-prerelease+meta", "1.1.2+meta", "1.1.2+meta-valid",
        "1.0.0-alpha", "1.0.0-beta", "1.0.0-alpha.beta", "1.0.0-alpha.beta.1", "1.0.0-alpha.1",
        "1.0.0-alpha0.valid", "1.0.0-alpha.0valid",
        "1.0.0-alpha-a.b-c-somethinglong+build.1-aef.1-its-okay", "1.0.0-rc.1+build.1",
        "2.0.0-rc.1+build.123", "1.2.3-beta", "10.2.3-DEV-SNAPSHOT", "1.2.3-SNAPSHOT-123", "1.0.0",
        "2.0.0", "1.1.7", "2.0.0+build.1848", "2.0.1-alpha.1227", "1.0.0-alpha+beta",
        "1.2.3----RC-SNAPSHOT.12.9.1--.12+788", "1.2.3----R-S.12.9.1--.12+meta",
        "1.2.3----RC-SNAPSHOT.12.9.1--.12", "1.0.0+0.build.1-rc.10000aaa-kk-0.1", "1.0.0-0A.is.legal",
        "9223372036854775807.9223372036854775807.9223372036854775807"
    })
    void parse_acceptsValidVersionAndRoundTrips(String text) {
        SemVer version = SemVer.parse(text);

        assertThat(version.toString()).isEqualTo(text);
        assertThat(SemVer.parse(version.toString())).isEqualTo(version);
    }

    /** The invalid examples of the semver.org regular expression's test suite, and a few more. */
    @ParameterizedTest
    @ValueSource(strings = {
        "1", "1.2", "1.2.3-0123", "1.2.3-0123.0123", "1.1.2+.123", "+invalid", "-invalid",
        "-invalid+invalid", "-invalid.01", "alpha", "alpha.beta", "alpha.beta.1", "alpha.1",
        "alpha+beta", "alpha_beta", "alpha.", "alpha..", "beta", "1.0.0-alpha_beta", "-alpha.",
        "1.0.0-alpha..", "1.0.0-alpha..1", "1.0.0-alpha...1", "1.0.0-alpha....1", "01.1.1", "1.01.1",
        "1.1.01", "1.2.3.DEV", "1.2-SNAPSHOT", "1.2.31.2.3----RC-SNAPSHOT.12.09.1--..12+788",
        "1.2-RC-SNAPSHOT", "-1.0.3-gamma+b7718", "+justmeta", "9.8.7+meta+meta",
        "9.8.7-whatever+meta+meta",
        "99999999999999999999999.999999999999999999.99999999999999999----RC-SNAPSHOT.12.09.1--------------------------------..12",
        "", "v1.2.3", "V1.2.3", "=1.2.3", " 1.2.3", "1.2.3 ", "1.2.3-", "1.2.3+", "1.2.3-beta+",
        "1.2.3-é", "1.2.3.4", "1..3", "1.2.x", "-1.2.3", "1.-2.3"
    })
    void parse_rejectsInvalidVersionWithOneLineMessage(String text) {
        assertThatThrownBy(() -> SemVer.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("'" + text + "' is not a SemVer 2.0 version: ")
                .message().doesNotContain("\n");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "1.02.3                   | numeric identifier '02' has a leading zero",
        "1.2.3-alpha.01           | numeric identifier '01' has a leading zero",
        "v1.2.3                   | a 'v' prefix is not allowed",
        "1.2                      | expected MAJOR.MINOR.PATCH but the version core is '1.2'",
        "1.2.3.4                  | expected MAJOR.MINOR.PATCH but the version core is '1.2.3.4'",
        "1.a.3                    | minor 'a' is not a number",
        "1..3                     | minor is empty",
        "1.0.0-alpha..1           | pre-release has an empty identifier",
        "1.0.0+                   | build metadata has an empty identifier",
        "1.0.0-alpha_beta         | pre-release identifier 'alpha_beta' contains '_'; only [0-9A-Za-z-] are allowed",
        "1.0.0+a+b                | build metadata identifier 'a+b' contains '+'; only [0-9A-Za-z-] are allowed",
        "9223372036854775808.0.0  | major '9223372036854775808' is larger than 9223372036854775807",
        "1.2.3 + 4                | it contains whitespace",
    })
    void parse_messageNamesThePartAtFault(String text, String reason) {
        assertThatThrownBy(() -> SemVer.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("'" + text + "' is not a SemVer 2.0 version: " + reason);
    }

    @Test
    void parse_emptyString_saysItIsEmpty() {
        assertThatThrownBy(() -> SemVer.parse(""))
                .hasMessage("'' is not a SemVer 2.0 version: it is empty");
    }

    @Test
    void parse_allowsLeadingZerosInBuildMetadata() {
        assertThat(SemVer.parse("1.0.0+001.0002").build()).containsExactly("001", "0002");
    }

    @Test
    void parse_acceptsNumericPreReleaseIdentifierBeyondLong() {
        SemVer version = SemVer.parse("1.0.0-99999999999999999999999");

        assertThat(version.preRelease()).containsExactly("99999999999999999999999");
    }

    @Test
    void parse_null_isRefused() {
        assertThatThrownBy(() -> SemVer.parse(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void constructor_rejectsNegativeNumbers() {
        assertThatThrownBy(() -> new SemVer(1, -2, 3, List.of(), List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("minor: must not be negative, was -2");
    }

    @Test
    void constructor_rejectsInvalidIdentifiersNamingTheField() {
        assertThatThrownBy(() -> new SemVer(1, 0, 0, List.of("rc", "01"), List.of()))
                .hasMessage("preRelease[1]: numeric identifier '01' has a leading zero");
        assertThatThrownBy(() -> new SemVer(1, 0, 0, List.of(), List.of("")))
                .hasMessage("build[0]: build metadata has an empty identifier");
        assertThatThrownBy(() -> new SemVer(1, 0, 0, List.of("a.b"), List.of()))
                .hasMessage("preRelease[0]: pre-release identifier 'a.b' contains '.'; only [0-9A-Za-z-] are allowed");
    }

    @Test
    void constructor_copiesTheLists() {
        List<String> preRelease = new ArrayList<>(List.of("beta"));
        SemVer version = new SemVer(1, 0, 0, preRelease, List.of());

        preRelease.add("2");

        assertThat(version.preRelease()).containsExactly("beta");
        assertThatThrownBy(() -> version.preRelease().add("x"))
                .isInstanceOf(UnsupportedOperationException.class);
    }
}
