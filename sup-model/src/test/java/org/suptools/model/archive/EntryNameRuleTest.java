package org.suptools.model.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The one entry-name rule in both its variants: what both refuse, what only the .sup refuses
 * (redundant spellings, colons), and how a payload archive's names are normalised.
 */
class EntryNameRuleTest {

    private static final String LONG_SEGMENT = "n".repeat(256);

    @ParameterizedTest
    @ValueSource(strings = {"/etc/passwd", "../x", "a/../../x", "a/..", "a\\b", "a\u0000b", "a\nb", "a\u001bb",
            "a\u007fb", "a\u0085b", "C:x", "c:/x", "./C:/x", "a/\uFFFD", "a/\uD83D", "a/\uDE00x"})
    void bothVariants_refuseNamesThatLeaveTheDestinationOrHideWhatTheyAre(String name) {
        assertThat(EntryNameRule.SUP_ENTRY.problem(name)).as("in a .sup").isPresent();
        assertThat(EntryNameRule.PAYLOAD_ARCHIVE_ENTRY.problem(name)).as("in a payload archive").isPresent();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "/etc/passwd  | starts with '/', so it is not a safe relative path",
            "a/../x       | climbs out of the destination with '..'",
            "C:/x         | starts with a drive letter"})
    void problem_saysWhatIsWrong_theSameInBothVariants(String name, String why) {
        assertThat(EntryNameRule.SUP_ENTRY.problem(name)).contains(why);
        assertThat(EntryNameRule.PAYLOAD_ARCHIVE_ENTRY.problem(name)).contains(why);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4})
    void bothVariants_refuseASegmentLongerThanLinuxHolds_countingUtf8Bytes(int bytesPerCharacter) {
        String character = new String(Character.toChars(switch (bytesPerCharacter) {
            case 1 -> 'n';
            case 2 -> 0xE9;
            case 3 -> 0x65E5;
            default -> 0x1F600;
        }));
        String fits = "payload/" + character.repeat(255 / bytesPerCharacter);
        String tooLong = fits + character;

        assertThat(EntryNameRule.SUP_ENTRY.problem(fits)).isEmpty();
        assertThat(EntryNameRule.SUP_ENTRY.problem(tooLong)).contains("has a path segment longer than 255 bytes");
        assertThat(EntryNameRule.PAYLOAD_ARCHIVE_ENTRY.problem(tooLong)).contains("has a path segment longer than 255 bytes");
    }

    @ParameterizedTest
    @ValueSource(strings = {"sup", "payload archive"})
    void bothVariants_refuseANameLongerThanLinuxResolves(String variant) {
        EntryNameRule rule = variant.equals("sup") ? EntryNameRule.SUP_ENTRY : EntryNameRule.PAYLOAD_ARCHIVE_ENTRY;
        String fits = "p/".repeat(2047) + "x";

        assertThat(rule.problem(fits)).isEmpty();
        assertThat(rule.problem(fits + "x")).contains("is longer than 4095 bytes");
        assertThat(rule.problem("payload/" + LONG_SEGMENT)).isPresent();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "a//b         | a/b",
            "./a          | a",
            "a/./b/       | a/b",
            "./           | ''",
            "man/Foo::Bar | man/Foo::Bar",
            "a/c:x        | a/c:x",
            "..hidden/a..b| ..hidden/a..b"})
    void payloadArchiveEntry_acceptsRedundantSpellingsAndColons_andNormalisesThemAway(String name, String clean) {
        assertThat(EntryNameRule.PAYLOAD_ARCHIVE_ENTRY.problem(name)).isEmpty();
        assertThat(EntryNameRule.PAYLOAD_ARCHIVE_ENTRY.normalised(name)).isEqualTo(clean);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "payload//b       | has an empty path segment",
            "./payload/a      | has a '.' path segment",
            "payload/a/       | has an empty path segment",
            "payload/Foo::Bar | contains ':'",
            "''               | is empty"})
    void supEntry_refusesWhatAPayloadArchiveMaySpell_becauseOnlyOneSpellingIsWritten(String name, String why) {
        assertThat(EntryNameRule.SUP_ENTRY.problem(name)).contains(why);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/etc/passwd", "a/../../x"})
    void normalised_refusesAnUnsafeName_namingIt(String name) {
        assertThatThrownBy(() -> EntryNameRule.PAYLOAD_ARCHIVE_ENTRY.normalised(name))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("entry name '" + name + "' ");
    }

    @ParameterizedTest
    @ValueSource(strings = {"caf\u00e9", "\uD83D\uDE00", ""})
    void decodedUtf8_readsWellFormedBytes(String text) {
        assertThat(EntryNameRule.decodedUtf8(text.getBytes(java.nio.charset.StandardCharsets.UTF_8))).contains(text);
    }

    @ParameterizedTest
    @ValueSource(strings = {"e9", "c0af", "eda080", "e282"})
    void decodedUtf8_refusesMalformedTruncatedAndSurrogateBytes(String hex) {
        assertThat(EntryNameRule.decodedUtf8(java.util.HexFormat.of().parseHex(hex))).isEmpty();
    }
}
