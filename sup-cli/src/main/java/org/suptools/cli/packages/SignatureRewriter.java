package org.suptools.cli.packages;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Collections;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import org.apache.commons.compress.archivers.zip.Zip64Mode;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.suptools.cli.files.AtomicFiles;

/**
 * Writes a copy of a package with another {@code signatures.json}. {@code manifest.json} and the
 * payload entries are copied as raw bytes, never decompressed or recompressed, so re-signing a
 * large package costs a file copy. The layout is that of the model's {@code SupWriter}
 * (manifest, signatures, payloads; fixed mode and time; no extra fields), so signing a package
 * built with key A with key B gives the same bytes as building it with keys A and B.
 *
 * <p>The caller checks the package first (structure and payload hashes); this only copies.
 */
public final class SignatureRewriter {

    static final String MANIFEST = "manifest.json";
    static final String SIGNATURES = "signatures.json";
    private static final int REGULAR_FILE_0644 = 0100644;

    private SignatureRewriter() {
    }

    /** Writes {@code out} completely or not at all; {@code out} may be {@code in}. */
    public static void rewrite(Path in, byte[] signaturesJson, Path out) throws IOException {
        Path target = out.toAbsolutePath();
        Path temp = AtomicFiles.tempBeside(target);
        try {
            try (ZipFile zip = ZipFile.builder().setPath(in).setUseUnicodeExtraFields(false).get();
                 ZipArchiveOutputStream copy = new ZipArchiveOutputStream(
                         FileChannel.open(temp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING))) {
                copy.setUseZip64(Zip64Mode.AsNeeded);
                copy.setCreateUnicodeExtraFields(ZipArchiveOutputStream.UnicodeExtraFieldPolicy.NEVER);
                copy.setUseLanguageEncodingFlag(true);
                List<ZipArchiveEntry> entries = Collections.list(zip.getEntriesInPhysicalOrder());
                ZipArchiveEntry manifest = entries.get(0);
                if (!manifest.getName().equals(MANIFEST)) {
                    throw new IOException(in + ": the first entry is not " + MANIFEST);
                }
                copyRaw(zip, manifest, copy);
                writeStored(copy, SIGNATURES, signaturesJson, manifest.getTime());
                for (ZipArchiveEntry entry : entries.subList(1, entries.size())) {
                    if (!entry.getName().equals(SIGNATURES)) {
                        copyRaw(zip, entry, copy);
                    }
                }
                copy.finish();
            }
            AtomicFiles.replace(temp, target);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private static void copyRaw(ZipFile zip, ZipArchiveEntry entry, ZipArchiveOutputStream copy) throws IOException {
        ZipArchiveEntry fresh = newEntry(entry.getName(), entry.getMethod(), entry.getSize(), entry.getTime());
        fresh.setCompressedSize(entry.getCompressedSize());
        fresh.setCrc(entry.getCrc());
        try (InputStream raw = zip.getRawInputStream(entry)) {
            copy.addRawArchiveEntry(fresh, raw);
        }
    }

    private static void writeStored(ZipArchiveOutputStream copy, String name, byte[] bytes, long time)
            throws IOException {
        ZipArchiveEntry entry = newEntry(name, ZipEntry.STORED, bytes.length, time);
        CRC32 crc = new CRC32();
        crc.update(bytes);
        entry.setCrc(crc.getValue());
        entry.setCompressedSize(bytes.length);
        copy.putArchiveEntry(entry);
        copy.write(bytes);
        copy.closeArchiveEntry();
    }

    /** A new entry with nothing but what the format fixes, so no attribute of the source archive leaks through. */
    private static ZipArchiveEntry newEntry(String name, int method, long size, long time) {
        ZipArchiveEntry entry = new ZipArchiveEntry(name);
        entry.setMethod(method);
        entry.setSize(size);
        entry.setTime(time);
        entry.setUnixMode(REGULAR_FILE_0644);
        return entry;
    }
}
