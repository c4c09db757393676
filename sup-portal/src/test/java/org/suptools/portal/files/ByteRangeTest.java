package org.suptools.portal.files;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ByteRangeTest {

    @ParameterizedTest(name = "{0} of 1000 bytes -> {1}")
    @CsvSource(delimiter = '|', nullValues = "NULL", value = {
        "NULL|Whole[]",
        "bytes=0-99|Part[first=0, last=99]",
        "bytes=500-|Part[first=500, last=999]",
        "bytes=-100|Part[first=900, last=999]",
        "bytes=-5000|Part[first=0, last=999]",
        "bytes=900-5000|Part[first=900, last=999]",
        "bytes=999-999|Part[first=999, last=999]",
        "BYTES=10-19|Part[first=10, last=19]",
        "bytes = 10-19|Whole[]",
        "bytes=1000-|Unsatisfiable[]",
        "bytes=1000-2000|Unsatisfiable[]",
        "bytes=-0|Unsatisfiable[]",
        "bytes=5-2|Whole[]",
        "bytes=0-1,5-6|Whole[]",
        "items=0-1|Whole[]",
        "bytes=abc-|Whole[]",
        "bytes=+1-2|Whole[]",
        "bytes=99999999999999999999-|Whole[]",
        "bytes=|Whole[]",
    })
    void parse(String header, String expected) {
        assertThat(ByteRange.parse(header, 1000).toString()).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} of an empty file -> {1}")
    @CsvSource(delimiter = '|', value = {
        "bytes=0-|Unsatisfiable[]",
        "bytes=-1|Unsatisfiable[]",
    })
    void parse_emptyFile(String header, String expected) {
        assertThat(ByteRange.parse(header, 0).toString()).isEqualTo(expected);
    }
}
