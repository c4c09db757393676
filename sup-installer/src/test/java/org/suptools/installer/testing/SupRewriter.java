package org.suptools.installer.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * Rewrites a built package with another {@code manifest.json}, every entry in its place and
 * STORED, the way someone would who edits a package by hand: for manifests the toolchain would
 * never write (another encoding, values it refuses to build).
 */
public final class SupRewriter {

    private SupRewriter() {
    }

    /** Replaces the manifest by {@code edit} of its text, in place; returns {@code sup}. */
    public static Path manifest(Path sup, Function<String, byte[]> edit) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipFile zip = new ZipFile(sup.toFile())) {
            for (ZipEntry entry : zip.stream().toList()) {
                try (InputStream in = zip.getInputStream(entry)) {
                    entries.put(entry.getName(), in.readAllBytes());
                }
            }
        }
        entries.put("manifest.json", edit.apply(new String(entries.get("manifest.json"), StandardCharsets.UTF_8)));
        try (OutputStream out = Files.newOutputStream(sup); ZipOutputStream zip = new ZipOutputStream(out)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                ZipEntry entry = new ZipEntry(e.getKey());
                CRC32 crc = new CRC32();
                crc.update(e.getValue());
                entry.setMethod(ZipEntry.STORED);
                entry.setSize(e.getValue().length);
                entry.setCompressedSize(e.getValue().length);
                entry.setCrc(crc.getValue());
                zip.putNextEntry(entry);
                zip.write(e.getValue());
                zip.closeEntry();
            }
        }
        return sup;
    }
}
