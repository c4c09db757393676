package org.suptools.installer.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.commons.compress.archivers.zip.Zip64Mode;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.suptools.installer.fs.Deadline;
import org.suptools.installer.testing.TarBytes;
import org.suptools.installer.testing.TestArchives;
import org.suptools.installer.testing.ZipBytes;
import org.suptools.model.action.ArchiveFormat;

/**
 * The one reader of archive payloads: what it hands over from a well-formed zip, tar and tar.gz,
 * and every hostile archive it refuses, naming the entry: zips whose local headers and central
 * directory disagree or whose bytes are not all accounted for, tar devices, FIFOs, hard links,
 * unknown types and sparse files of every format, content longer or shorter than declared.
 */
class PayloadArchiveTest {

    private static final byte[] HELLO = "hello\n".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path dir;

    /** What a visitor saw: one line per entry, with a file's whole content. */
    private List<String> read(byte[] archive, ArchiveFormat format) throws Exception {
        return read(archive, format, UnpackLimits.DEFAULTS);
    }

    private List<String> read(byte[] archive, ArchiveFormat format, UnpackLimits limits) throws Exception {
        List<String> seen = new ArrayList<>();
        PayloadArchive.read(new ByteArrayInputStream(archive), format, dir.resolve("spool/payload.zip"), limits,
                Deadline.NONE, new ArchiveVisitor<RuntimeException>() {
                    @Override
                    public void directory(String name, int mode) {
                        seen.add(String.format("dir %s %o", name, mode));
                    }

                    @Override
                    public void file(String name, int mode, long size, InputStream content) throws java.io.IOException {
                        seen.add(String.format("file %s %o %d %s", name, mode, size,
                                new String(content.readAllBytes(), StandardCharsets.UTF_8)));
                    }

                    @Override
                    public void link(String name, String target) {
                        seen.add("link " + name + " -> " + target);
                    }
                });
        assertThat(dir.resolve("spool/payload.zip")).as("the spool is deleted").doesNotExist();
        return seen;
    }

    private AbstractThrowableAssert<?, ?> assertRefused(byte[] archive, ArchiveFormat format) {
        return assertThatThrownBy(() -> read(archive, format)).isInstanceOf(UnsafeArchiveException.class)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void read_wellFormedZipAndTarGz_handOverTheSameEntries() throws Exception {
        Map<String, String> entries = new LinkedHashMap<>();
        entries.put("./bin/", "");
        entries.put("bin/run.sh", "#!/bin/sh\n");
        entries.put("lib/a.jar", "a");
        entries.put("lib/current.jar", "-> a.jar");

        List<String> fromZip = read(TestArchives.zip(entries), ArchiveFormat.ZIP);
        List<String> fromTarGz = read(TestArchives.tarGz(entries), ArchiveFormat.TAR_GZ);

        assertThat(fromZip).containsExactly("dir bin 755", "file bin/run.sh 755 10 #!/bin/sh\n", "file lib/a.jar 644 1 a",
                "link lib/current.jar -> a.jar");
        assertThat(fromTarGz).isEqualTo(fromZip);
    }

    @Test
    void read_zipsOfTheJdkWithDataDescriptors_andStoredOrDeflated() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry("docs/"));
            zip.putNextEntry(new ZipEntry("docs/readme.txt"));
            zip.write("read me\n".repeat(1000).getBytes(StandardCharsets.UTF_8));
            zip.putNextEntry(new ZipEntry("empty"));
        }

        assertThat(read(bytes.toByteArray(), ArchiveFormat.ZIP)).containsExactly("dir docs 0",
                "file docs/readme.txt 0 8000 " + "read me\n".repeat(1000), "file empty 0 0 ");
        assertThat(read(new ZipBytes().stored("a", HELLO).deflated("b", HELLO).last(ZipBytes.Entry::withDescriptor)
                .zip(), ArchiveFormat.ZIP)).containsExactly("file a 644 6 hello\n", "file b 644 6 hello\n");
    }

    /** ZIP64 records everywhere, written to a stream (data descriptors with 8-byte sizes) and to a file. */
    @Test
    void read_zip64Archives_ofCommonsCompress() throws Exception {
        ByteArrayOutputStream streamed = new ByteArrayOutputStream();
        try (ZipArchiveOutputStream zip = new ZipArchiveOutputStream(streamed)) {
            writeTwoEntries(zip);
        }
        Path file = dir.resolve("seekable.zip");
        try (ZipArchiveOutputStream zip = new ZipArchiveOutputStream(file)) {
            writeTwoEntries(zip);
        }

        for (byte[] archive : List.of(streamed.toByteArray(), Files.readAllBytes(file))) {
            assertThat(read(archive, ArchiveFormat.ZIP)).containsExactly("file a.txt 644 6 hello\n",
                    "file b.txt 600 6 hello\n");
        }
    }

    private static void writeTwoEntries(ZipArchiveOutputStream zip) throws java.io.IOException {
        zip.setUseZip64(Zip64Mode.Always);
        for (String name : List.of("a.txt", "b.txt")) {
            ZipArchiveEntry entry = new ZipArchiveEntry(name);
            entry.setUnixMode(name.startsWith("a") ? 0100644 : 0100600);
            zip.putArchiveEntry(entry);
            zip.write(HELLO);
            zip.closeArchiveEntry();
        }
    }

    static Stream<Arguments> hostileZips() {
        byte[] big = "x".repeat(5000).getBytes(StandardCharsets.UTF_8);
        int swallowed = new ZipBytes().deflated("big.bin", big).entry(0).localLength();
        ZipBytes shared = new ZipBytes().deflated("bomb-00", new byte[1 << 20]);
        for (int i = 1; i < 64; i++) {
            shared.alias(String.format("bomb-%02d", i));
        }
        return Stream.of(
                Arguments.of("an entry the local headers hide (the one before claims its bytes)",
                        new ZipBytes().stored("a.txt", HELLO).last(e -> e.withLocalSizeDelta(swallowed))
                                .deflated("big.bin", big).zip(), "archive entry 'a.txt' has another CRC-32 or size in "
                                + "its local header than in the central directory"),
                Arguments.of("an entry only the central directory lists",
                        new ZipBytes().stored("a.txt", HELLO).stored("ghost", big).last(ZipBytes.Entry::centralOnly)
                                .stored("b.txt", HELLO).zip(), "archive entry 'ghost' is named 'b.txt' in its local header"),
                Arguments.of("an entry only a local header lists",
                        new ZipBytes().stored("a.txt", HELLO).stored("extra", big).last(ZipBytes.Entry::localOnly)
                                .stored("b.txt", HELLO).zip(), "archive entry 'b.txt' begins at offset 5076, after 5035 "
                                + "bytes that no entry accounts for"),
                Arguments.of("an entry only a local header lists, last",
                        new ZipBytes().stored("a.txt", HELLO).stored("extra", big).last(ZipBytes.Entry::localOnly).zip(),
                        "bytes before its central directory that no entry accounts for"),
                Arguments.of("64 entries sharing one compressed blob", shared.zip(),
                        "archive entry 'bomb-01' overlaps the entry before it"),
                Arguments.of("a local header with another name",
                        new ZipBytes().stored("a.txt", HELLO).last(e -> e.withLocalName("b.txt")).zip(),
                        "archive entry 'a.txt' is named 'b.txt' in its local header"),
                Arguments.of("a local header with another CRC-32",
                        new ZipBytes().stored("a.txt", HELLO).last(e -> e.withLocalCrcXor(1)).zip(),
                        "archive entry 'a.txt' has another CRC-32 or size in its local header"),
                Arguments.of("content that fails its CRC-32",
                        new ZipBytes().stored("a.txt", HELLO).last(e -> e.declaringCrc(e.crc() ^ 1)).zip(),
                        "archive entry 'a.txt' fails its CRC-32 check"),
                Arguments.of("deflate data that gives more than declared",
                        new ZipBytes().deflatedData("a.txt", HELLO, "hello, and more\n".getBytes(StandardCharsets.UTF_8))
                                .zip(), "archive entry 'a.txt' holds more than the 6 bytes its headers declare"),
                Arguments.of("deflate data that gives less than declared",
                        new ZipBytes().deflatedData("a.txt", HELLO, "hel".getBytes(StandardCharsets.UTF_8)).zip(),
                        "archive entry 'a.txt' holds 3 bytes, but its headers declare 6"),
                Arguments.of("a stored entry whose sizes differ",
                        new ZipBytes().stored("a.txt", HELLO).last(e -> e.declaring(60)).zip(),
                        "archive entry 'a.txt' is stored, but its compressed and uncompressed sizes differ"),
                Arguments.of("a FIFO", new ZipBytes().unix("pipe", 010644, new byte[0]).zip(),
                        "archive entry 'pipe' is a FIFO (unix mode 010644)"),
                Arguments.of("a character device", new ZipBytes().unix("tty", 020644, new byte[0]).zip(),
                        "archive entry 'tty' is a character device"),
                Arguments.of("a block device", new ZipBytes().unix("sda", 060644, new byte[0]).zip(),
                        "archive entry 'sda' is a block device"),
                Arguments.of("a directory with content", new ZipBytes().unix("d/", 040755, HELLO).zip(),
                        "archive entry 'd/' is a directory but declares 6 bytes of content"),
                Arguments.of("data before the first entry", new ZipBytes().prefix(HELLO).stored("a.txt", HELLO).zip(),
                        "archive entry 'a.txt' begins at offset 6, after 6 bytes that no entry accounts for"),
                Arguments.of("data after the end record", new ZipBytes().stored("a.txt", HELLO).suffix(HELLO).zip(),
                        "the zip archive has no end-of-central-directory record at its end"),
                Arguments.of("a name that climbs out", new ZipBytes().stored("../x", HELLO).zip(),
                        "archive entry '../x' climbs out of the destination with '..'"),
                Arguments.of("not a zip at all", HELLO, "the zip archive has no end-of-central-directory record"));
    }

    static Stream<Arguments> unsafeNames() {
        return Stream.of(
                Arguments.of("/etc/passwd", "starts with '/', so it is not a safe relative path"),
                Arguments.of("a/../../x", "climbs out of the destination with '..'"),
                Arguments.of("a\\..\\..\\x", "contains a backslash"),
                Arguments.of("a\u0000b", "contains the control character U+0000"),
                Arguments.of("a\nb", "contains the control character U+000A"),
                Arguments.of("a\u001b[2Jb", "contains the control character U+001B"),
                Arguments.of("a\u0085b", "contains the control character U+0085"),
                Arguments.of("C:/Windows/x", "starts with a drive letter"),
                Arguments.of("./c:x", "starts with a drive letter"),
                Arguments.of("a/\uFFFD", "is not valid UTF-8"),
                Arguments.of("a/" + "n".repeat(256), "has a path segment longer than 255 bytes"),
                Arguments.of("a/" + "\u00e9".repeat(128), "has a path segment longer than 255 bytes"),
                Arguments.of("d/".repeat(2048) + "x", "is longer than 4095 bytes"));
    }

    @ParameterizedTest
    @MethodSource("unsafeNames")
    void read_unsafeNameInAZip_isRefusedBeforeItIsHandedOver(String name, String why) {
        assertRefused(new ZipBytes().stored(name, HELLO).zip(), ArchiveFormat.ZIP)
                .hasMessageStartingWith("archive entry '")
                .hasMessageEndingWith(why);
    }

    @ParameterizedTest
    @ValueSource(strings = {"a\\b", "a\nb", "a\u001bb", "C:x", "a/../../x"})
    void read_unsafeNameInATar_isRefusedBeforeItIsHandedOver(String name) {
        byte[] tar = new TarBytes().pax(Map.of("path", name)).file("placeholder", HELLO).tar();
        assertRefused(tar, ArchiveFormat.TAR).hasMessageStartingWith("archive entry '");
    }

    @Test
    void read_colonsAndDotsInsideNames_areOrdinaryCharacters() throws Exception {
        Map<String, String> entries = new LinkedHashMap<>();
        entries.put("./man/Foo::Bar.3pm", "perl");
        entries.put("lib//..hidden", "dots");
        entries.put("a" + "/b".repeat(100) + "/" + "n".repeat(255), "long but within the limits");

        assertThat(read(TestArchives.zip(entries), ArchiveFormat.ZIP)).containsExactly(
                "file man/Foo::Bar.3pm 644 4 perl", "file lib/..hidden 644 4 dots",
                "file a" + "/b".repeat(100) + "/" + "n".repeat(255) + " 644 26 long but within the limits");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostileZips")
    void read_hostileZip_isRefused_namingWhatIsWrong(String scenario, byte[] zip, String message) {
        assertRefused(zip, ArchiveFormat.ZIP).hasMessageContaining(message);
    }

    @ParameterizedTest(name = "type {0}")
    @ValueSource(chars = {'3', '4', '6', '1', 'V', 'M', 'D', 'Z'})
    void read_tarSpecialEntries_areRefusedBeforeAnythingIsWritten(char type) {
        TarBytes tar = new TarBytes().file("before.txt", HELLO);
        byte[] archive = (type == '1' ? tar.hardLink("entry", "before.txt") : tar.special("entry", type))
                .file("after.txt", HELLO).tar();
        String what = switch (type) {
            case '3' -> "is a character device";
            case '4' -> "is a block device";
            case '6' -> "is a FIFO";
            case '1' -> "is a hard link";
            default -> "has the tar type '" + type + "'; only files, directories and symbolic links are unpacked";
        };
        List<String> seen = new ArrayList<>();

        assertThatThrownBy(() -> PayloadArchive.read(new ByteArrayInputStream(archive), ArchiveFormat.TAR,
                dir.resolve("unused"), UnpackLimits.DEFAULTS, Deadline.NONE, recordingFiles(seen)))
                .isInstanceOf(UnsafeArchiveException.class).hasMessageStartingWith("archive entry 'entry' " + what);
        assertThat(seen).as("the entry before it only").containsExactly("before.txt");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"old GNU", "0.0", "0.1", "1.0"})
    void read_sparseTar_isRefused_whatever_itsFormat(String format) throws Exception {
        byte[] tail = "the end\n".getBytes(StandardCharsets.UTF_8);
        long realSize = 400L << 20;
        TarBytes tar = new TarBytes().file("readme.txt", HELLO);
        byte[] archive = (format.equals("old GNU") ? tar.oldGnuSparse("disk.img", tail, realSize)
                : tar.paxSparse("disk.img", tail, realSize, format)).tar();
        assertThat(archive.length).as("a few KB").isLessThan(10_000);

        assertRefused(archive, ArchiveFormat.TAR).hasMessageContaining("archive entry '")
                .hasMessageContaining("is a sparse file; sparse files are not unpacked");
        assertRefused(new TarBytes().oldGnuSparse("disk.img", tail, realSize).tarGz(), ArchiveFormat.TAR_GZ)
                .hasMessageContaining("is a sparse file");
    }

    @Test
    void read_truncatedTar_isRefused() {
        byte[] whole = new TarBytes().file("big.bin", new byte[10_000]).tar();
        byte[] cut = Arrays.copyOf(whole, 512 + 4096);

        assertRefused(cut, ArchiveFormat.TAR).hasMessageStartingWith("archive entry 'big.bin' is truncated or damaged");
    }

    @Test
    void read_damagedGzip_isRefusedAsDamaged() {
        byte[] archive = new TarBytes().file("a", HELLO).tarGz();
        archive[archive.length / 2] ^= 0x55;

        assertRefused(archive, ArchiveFormat.TAR_GZ).hasMessageStartingWith("the archive is damaged: ");
    }

    @Test
    void read_countsWhatTheEntriesTakeOnDisk() throws Exception {
        TarBytes tar = new TarBytes().directory("d/");
        for (int i = 0; i < 10; i++) {
            tar.file("d/f" + i, new byte[i * 1000]);
        }

        PayloadArchive.Summary summary = PayloadArchive.read(new ByteArrayInputStream(tar.tar()), ArchiveFormat.TAR,
                dir.resolve("unused"), UnpackLimits.DEFAULTS, Deadline.NONE, ArchiveVisitor.checkOnly());

        // A block per entry, and the content in whole 4 KiB blocks: 0, 1000 ... 9000 bytes take 0, 1, 1, 1, 1, 2, 2, 2, 2, 3.
        assertThat(summary.entries()).isEqualTo(11);
        assertThat(summary.diskBytes()).isEqualTo((11 + 15) * 4096L);
    }

    @Test
    void read_stopsAtTheLimits_countingWhatTheEntriesTakeOnDisk() {
        TarBytes tar = new TarBytes();
        for (int i = 0; i < 10; i++) {
            tar.file("f" + i, HELLO);
        }

        assertThatThrownBy(() -> read(tar.tar(), ArchiveFormat.TAR, new UnpackLimits(9 * 8192, 100)))
                .isInstanceOf(UnsafeArchiveException.class)
                .hasMessageStartingWith("the archive unpacks to more than 73728 bytes on disk, the limit");
        assertThatThrownBy(() -> read(tar.tar(), ArchiveFormat.TAR, new UnpackLimits(1 << 30, 9)))
                .hasMessage("the archive has more than 9 entries, the limit");
        assertThatThrownBy(() -> read(new ZipBytes().stored("a", HELLO).stored("b", HELLO).zip(), ArchiveFormat.ZIP,
                new UnpackLimits(1 << 30, 1))).hasMessage("the archive announces 2 entries, more than the limit of 1");
    }

    @Test
    void read_aDeclaredSizeBeyondTheLimit_isRefusedBeforeTheEntryIsHandedOver() {
        byte[] zip = new ZipBytes().stored("small", HELLO).deflatedZeros("zeros", 64L << 20).zip();
        List<String> seen = new ArrayList<>();

        assertThatThrownBy(() -> PayloadArchive.read(new ByteArrayInputStream(zip), ArchiveFormat.ZIP,
                dir.resolve("spool.zip"), new UnpackLimits(1 << 20, 10), Deadline.NONE, recordingFiles(seen)))
                .hasMessageStartingWith("the archive unpacks to more than 1048576 bytes on disk");
        assertThat(seen).containsExactly("small");
        assertThat(dir.resolve("spool.zip")).doesNotExist();
    }

    private static ArchiveVisitor<RuntimeException> recordingFiles(List<String> seen) {
        return new ArchiveVisitor<>() {
            @Override
            public void directory(String name, int mode) {
                seen.add(name);
            }

            @Override
            public void file(String name, int mode, long size, InputStream content) {
                seen.add(name);
            }

            @Override
            public void link(String name, String target) {
                seen.add(name);
            }
        };
    }
}
