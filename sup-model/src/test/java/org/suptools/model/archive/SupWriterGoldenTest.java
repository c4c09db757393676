package org.suptools.model.archive;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pins the exact bytes of a tiny archive built from fixed inputs: entry order, headers, flags,
 * modes, timestamps and the central directory. Every payload here is STORED (by its name, or
 * empty), so the pin does not depend on the platform's zlib.
 */
class SupWriterGoldenTest {

    /**
     * The .sup format is defined down to these bytes: builders must get identical archives from
     * identical inputs. This value may change only together with a format version bump (and a
     * note in the format specification), never as a side effect of a library upgrade or refactoring.
     */
    private static final String GOLDEN_SHA256 = "d968a9d09c1f45c0a798752db8587d1b1fdd05f397726360108529db49653a4b";

    @TempDir
    Path dir;

    @Test
    void write_fixedInputs_giveTheGoldenBytes() throws IOException {
        byte[] firmware = new byte[256];
        for (int i = 0; i < firmware.length; i++) {
            firmware[i] = (byte) i;
        }
        Path settings = Files.writeString(dir.resolve("settings.json.gz"), "{\"level\":\"debug\"}\n");
        Path empty = Files.write(dir.resolve("empty"), new byte[0]);
        Path image = Files.write(dir.resolve("image.zst"), firmware);
        Path out = dir.resolve("golden.sup");

        new SupWriter().write(out,
                "{\"formatVersion\":1,\"name\":\"golden\"}".getBytes(StandardCharsets.UTF_8),
                Optional.of("{\"signatures\":[]}".getBytes(StandardCharsets.UTF_8)),
                List.of(new PayloadSource("payload/firmware/image.zst", image),
                        new PayloadSource("payload/config/settings.json.gz", settings),
                        new PayloadSource("payload/empty", empty)),
                ArchiveOptions.fromEnvironment(Map.of("SOURCE_DATE_EPOCH", "1700000001")),
                ProgressListener.NONE);

        assertThat(Sha256.ofFile(out)).isEqualTo(GOLDEN_SHA256);
    }
}
