package org.suptools.fleetsim;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.util.Random;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;

class CheckedDownloadTest {

    private static final byte[] FILE = new byte[200_000];

    static {
        new Random(7).nextBytes(FILE);
    }

    private static long crcOf(byte[] bytes, int length) {
        CRC32 crc = new CRC32();
        crc.update(bytes, 0, length);
        return crc.getValue();
    }

    @Test
    void read_countsAndSumsABodyLongerThanItsBuffer() throws Exception {
        CheckedDownload download = CheckedDownload.read(new ByteArrayInputStream(FILE));

        assertThat(download).isEqualTo(new CheckedDownload(FILE.length, crcOf(FILE, FILE.length)));
        assertThat(download.problem(FILE.length, crcOf(FILE, FILE.length))).isEmpty();
    }

    @Test
    void problem_namesATruncatedDownload() throws Exception {
        CheckedDownload download = CheckedDownload.read(new ByteArrayInputStream(FILE, 0, 1000));

        assertThat(download.problem(FILE.length, crcOf(FILE, FILE.length)))
                .contains("download: 1000 bytes arrived, file.get announced 200000");
    }

    @Test
    void problem_namesACorruptDownloadOfTheRightSize() throws Exception {
        byte[] corrupt = FILE.clone();
        corrupt[100_000] ^= 1;

        CheckedDownload download = CheckedDownload.read(new ByteArrayInputStream(corrupt));

        assertThat(download.problem(FILE.length, crcOf(FILE, FILE.length))).get().asString()
                .startsWith("download: CRC-32 " + crcOf(corrupt, corrupt.length));
    }
}
