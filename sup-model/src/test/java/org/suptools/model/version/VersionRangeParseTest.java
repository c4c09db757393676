package org.suptools.model.version;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class VersionRangeParseTest {

    @ParameterizedTest(name = "''{0}'' means ''{1}''")
    @CsvSource(delimiterString = "::", value = {
        ">=1.2.0                         :: >=1.2.0",
        ">1.2.0                          :: >1.2.0",
        "<2.0.0                          :: <2.0.0",
        "<=2.0.0                         :: <=2.0.0",
        "=1.2.3                          :: =1.2.3",
        "1.2.3                           :: =1.2.3",
        "1.2.3-rc.1+build.2              :: =1.2.3-rc.1+build.2",
        ">=1.2.0 <2.0.0                  :: >=1.2.0 <2.0.0",
        "^1.2.3                          :: >=1.2.3 <2.0.0",
        "^0.2.3                          :: >=0.2.3 <0.3.0",
        "^0.0.3                          :: >=0.0.3 <0.0.4",
        "^1.2.3-beta.2                   :: >=1.2.3-beta.2 <2.0.0",
        "^1.2                            :: >=1.2.0 <2.0.0",
        "^1.x                            :: >=1.0.0 <2.0.0",
        "^0.2                            :: >=0.2.0 <0.3.0",
        "^0.0                            :: >=0.0.0 <0.1.0",
        "^0.0.x                          :: >=0.0.0 <0.1.0",
        "^0                              :: >=0.0.0 <1.0.0",
        "^*                              :: *",
        "~1.2.3                          :: >=1.2.3 <1.3.0",
        "~0.2.3                          :: >=0.2.3 <0.3.0",
        "~1.2.3-rc.1                     :: >=1.2.3-rc.1 <1.3.0",
        "~1.2                            :: >=1.2.0 <1.3.0",
        "~1                              :: >=1.0.0 <2.0.0",
        "~*                              :: *",
        "1.2.3 - 2.3.4                   :: >=1.2.3 <=2.3.4",
        "1.2 - 2.3.4                     :: >=1.2.0 <=2.3.4",
        "1.2.3 - 2.3                     :: >=1.2.3 <2.4.0",
        "1.2.3 - 2                       :: >=1.2.3 <3.0.0",
        "* - 2.0.0                       :: <=2.0.0",
        "1.0.0 - *                       :: >=1.0.0",
        "1.2.x                           :: >=1.2.0 <1.3.0",
        "1.2.*                           :: >=1.2.0 <1.3.0",
        "1.2.X                           :: >=1.2.0 <1.3.0",
        "1.2                             :: >=1.2.0 <1.3.0",
        "1.x                             :: >=1.0.0 <2.0.0",
        "1.x.x                           :: >=1.0.0 <2.0.0",
        "1                               :: >=1.0.0 <2.0.0",
        "*                               :: *",
        "x                               :: *",
        "*.*.*                           :: *",
        ">=1.2                           :: >=1.2.0",
        ">1.2                            :: >=1.3.0",
        "<1.2                            :: <1.2.0",
        "<=1.2                           :: <1.3.0",
        "=1.2                            :: >=1.2.0 <1.3.0",
        ">1                              :: >=2.0.0",
        "<=1.x                           :: <2.0.0",
        ">=*                             :: *",
        "<=*                             :: *",
        "<*                              :: <0.0.0",
        ">*                              :: <0.0.0",
        "1.x || >=2.5.0 || 5.0.0 - 7.2.3 :: >=1.0.0 <2.0.0 || >=2.5.0 || >=5.0.0 <=7.2.3",
        "^9223372036854775807.1.2        :: >=9223372036854775807.1.2",
        ">9223372036854775807            :: <0.0.0",
        "<=9223372036854775807.x         :: *",
    })
    void toComparatorString_desugarsToPrimitiveComparators(String range, String comparators) {
        assertThat(VersionRange.parse(range).toComparatorString()).isEqualTo(comparators);
    }

    @ParameterizedTest(name = "''{0}'' is written ''{1}''")
    @CsvSource(delimiterString = "::", value = {
        "'  >=1.2.0   <2.0.0  '      :: >=1.2.0 <2.0.0",
        "'>= 1.2.0 < 2.0.0'          :: >=1.2.0 <2.0.0",
        "'^ 1.2.3'                   :: ^1.2.3",
        "'1.x||2.x'                  :: 1.x || 2.x",
        "'1.x   ||   2.x'            :: 1.x || 2.x",
        "'1.2.3   -   2.3.4'         :: 1.2.3 - 2.3.4",
        "'>=1.0.0\t<2.0.0'           :: >=1.0.0 <2.0.0",
        "'=1.2.3'                    :: =1.2.3",
        "'1.2.X'                     :: 1.2.X",
        "''                          :: *",
        "'   '                       :: *",
    })
    void toString_isTheRangeAsWrittenWithWhitespaceNormalized(String range, String normalized) {
        VersionRange parsed = VersionRange.parse(range);

        assertThat(parsed.toString()).isEqualTo(normalized);
        assertThat(VersionRange.parse(parsed.toString())).isEqualTo(parsed);
    }

    @Test
    void equals_comparesNormalizedText() {
        assertThat(VersionRange.parse(">=1.0.0  <2.0.0")).isEqualTo(VersionRange.parse(">= 1.0.0 <2.0.0"))
                .hasSameHashCodeAs(VersionRange.parse(">=1.0.0 <2.0.0"));
        assertThat(VersionRange.parse("^1.0.0")).isNotEqualTo(VersionRange.parse(">=1.0.0 <2.0.0"));
        assertThat(VersionRange.parse("")).isEqualTo(VersionRange.any());
    }

    @ParameterizedTest(name = "''{0}''")
    @CsvSource(delimiterString = "::", value = {
        ">=1.02.0        :: '1.02.0' is not a SemVer 2.0 version: numeric identifier '02' has a leading zero",
        ">=1.02          :: '1.02' is not a SemVer 2.0 version or x-range: numeric identifier '02' has a leading zero",
        "^v1.2.3         :: 'v1.2.3' is not a SemVer 2.0 version: a 'v' prefix is not allowed",
        "1.2-beta        :: '1.2-beta' is not a SemVer 2.0 version: expected MAJOR.MINOR.PATCH but the version core is '1.2'",
        "1.2.3.4         :: '1.2.3.4' is not a SemVer 2.0 version: expected MAJOR.MINOR.PATCH but the version core is '1.2.3.4'",
        "1.x.3           :: '1.x.3' is not a SemVer 2.0 version or x-range: '3' follows a wildcard; only wildcards may follow one",
        "1.2.y           :: '1.2.y' is not a SemVer 2.0 version: patch 'y' is not a number",
        "1.x.y           :: '1.x.y' is not a SemVer 2.0 version or x-range: patch 'y' is not a number",
        "latest          :: 'latest' is not a SemVer 2.0 version or x-range: major 'latest' is not a number",
        "=>1.2.3         :: '=>1.2.3' starts with an unknown operator; use <, <=, >, >=, =, ~ or ^",
        "!=1.2.3         :: '!=1.2.3' starts with an unknown operator; use <, <=, >, >=, =, ~ or ^",
        ">=1.0.0 ||      :: an alternative next to '||' is empty",
        "|| 1.0.0        :: an alternative next to '||' is empty",
        "1.0.0 | 2.0.0   :: '|' is not an operator; write '||' for OR",
        "1.2.3 -         :: a hyphen range takes one version on each side, as in '1.2.3 - 2.3.4'",
        "1 - 2 - 3       :: a hyphen range takes one version on each side, as in '1.2.3 - 2.3.4'",
        "1 2 - 3         :: a hyphen range takes one version on each side, as in '1.2.3 - 2.3.4'",
        ">=1.2.3 - 2.0.0 :: hyphen range versions take no operator: '>=1.2.3'",
        ">=1.0.0 <       :: operator '<' is not followed by a version",
    })
    void parse_rejectsBadRangeNamingThePart(String range, String reason) {
        assertThatThrownBy(() -> VersionRange.parse(range))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("'" + range + "' is not a valid version range: " + reason);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.2.3-", ">=1.0.0-beta..1", "~1.0.0+", "1.2.3 -2.0.0", ">=9223372036854775808", "1.2.3,2.0.0"})
    void parse_rejectsWithOneLineMessage(String range) {
        assertThatThrownBy(() -> VersionRange.parse(range))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("'" + range + "' is not a valid version range: ")
                .message().doesNotContain("\n");
    }

    @Test
    void parse_null_isRefused() {
        assertThatThrownBy(() -> VersionRange.parse(null)).isInstanceOf(NullPointerException.class);
    }
}
