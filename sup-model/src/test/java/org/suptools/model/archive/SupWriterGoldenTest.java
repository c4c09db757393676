package org.suptools.model.archive;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.ZipEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pins the exact bytes of tiny archives built from fixed inputs: entry order, headers, flags,
 * modes, timestamps and the central directory. In the first every payload is STORED (by its
 * name, or empty), so that pin does not depend on the platform's zlib; the second pins a
 * DEFLATED entry too, as the JDK's bundled zlib deflates it.
 *
 * <p>Both values are those of the earlier writer built on Commons Compress: writing the ZIP
 * format directly changed no byte.
 */
class SupWriterGoldenTest {

    /**
     * The .sup format is defined down to these bytes: builders must get identical archives from
     * identical inputs. This value may change only together with a format version bump (and a
     * note in the format specification), never as a side effect of a library upgrade or refactoring.
     */
    private static final String GOLDEN_SHA256 = "d968a9d09c1f45c0a798752db8587d1b1fdd05f397726360108529db49653a4b";

    /**
     * As {@link #GOLDEN_SHA256}, with a DEFLATED payload. Deflate output is zlib's: a platform
     * whose JDK links another implementation (zlib-ng, for instance) may fail this test and
     * only this one, which then says so rather than hiding it.
     */
    private static final String GOLDEN_DEFLATED_SHA256 = "a4b16c937adbd51e65b2721433d87730bb375f1602670a5f697ed1c19b91f0f0";

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

    @Test
    void write_fixedInputsWithADeflatedPayload_giveTheGoldenBytes() throws IOException {
        StringBuilder log = new StringBuilder();
        for (int i = 0; i < 2000; i++) {
            log.append("line ").append(i).append(" of the log\n");
        }
        Path text = Files.writeString(dir.resolve("app.log"), log.toString());
        Path empty = Files.write(dir.resolve("empty"), new byte[0]);
        Path out = dir.resolve("golden-deflated.sup");

        new SupWriter().write(out,
                "{\"formatVersion\":1,\"name\":\"golden\"}".getBytes(StandardCharsets.UTF_8),
                Optional.empty(),
                List.of(new PayloadSource("payload/app.log", text), new PayloadSource("payload/empty", empty)),
                ArchiveOptions.fromEnvironment(Map.of("SOURCE_DATE_EPOCH", "1700000001")),
                ProgressListener.NONE);

        try (ZipFile zip = ZipFile.builder().setPath(out).get()) {
            assertThat(zip.getEntry("payload/app.log").getMethod()).isEqualTo(ZipEntry.DEFLATED);
        }
        assertThat(Sha256.ofFile(out)).isEqualTo(GOLDEN_DEFLATED_SHA256);
    }
}
