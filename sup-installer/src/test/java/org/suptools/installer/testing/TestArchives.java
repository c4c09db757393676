package org.suptools.installer.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;

/**
 * Archives for archive.extract and firmware.update tests. Entry names ending in {@code /} are
 * directories; a value starting with {@code "-> "} makes a symbolic link to the rest.
 */
public final class TestArchives {

    private TestArchives() {
    }

    public static byte[] tarGz(Map<String, String> entries) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new GzipCompressorOutputStream(bytes))) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            for (Map.Entry<String, String> entry : entries.entrySet()) {
                String name = entry.getKey();
                String value = entry.getValue();
                if (name.endsWith("/")) {
                    TarArchiveEntry dir = new TarArchiveEntry(name);
                    dir.setMode(040755);
                    tar.putArchiveEntry(dir);
                } else if (value.startsWith("-> ")) {
                    TarArchiveEntry link = new TarArchiveEntry(name, TarArchiveEntry.LF_SYMLINK);
                    link.setLinkName(value.substring(3));
                    tar.putArchiveEntry(link);
                } else {
                    byte[] content = value.getBytes(StandardCharsets.UTF_8);
                    TarArchiveEntry file = new TarArchiveEntry(name);
                    file.setSize(content.length);
                    file.setMode(name.endsWith(".sh") ? 0100755 : 0100644);
                    tar.putArchiveEntry(file);
                    tar.write(content);
                }
                tar.closeArchiveEntry();
            }
        }
        return bytes.toByteArray();
    }

    public static byte[] zip(Map<String, String> entries) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipArchiveOutputStream zip = new ZipArchiveOutputStream(bytes)) {
            for (Map.Entry<String, String> entry : entries.entrySet()) {
                String name = entry.getKey();
                String value = entry.getValue();
                ZipArchiveEntry zipEntry = new ZipArchiveEntry(name);
                if (name.endsWith("/")) {
                    zipEntry.setUnixMode(040755);
                    zip.putArchiveEntry(zipEntry);
                } else if (value.startsWith("-> ")) {
                    zipEntry.setUnixMode(0120777);
                    zip.putArchiveEntry(zipEntry);
                    zip.write(value.substring(3).getBytes(StandardCharsets.UTF_8));
                } else {
                    zipEntry.setUnixMode(name.endsWith(".sh") ? 0100755 : 0100644);
                    zip.putArchiveEntry(zipEntry);
                    zip.write(value.getBytes(StandardCharsets.UTF_8));
                }
                zip.closeArchiveEntry();
            }
        }
        return bytes.toByteArray();
    }
}
