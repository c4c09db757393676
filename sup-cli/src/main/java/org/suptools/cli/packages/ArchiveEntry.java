package org.suptools.cli.packages;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.apache.commons.compress.archivers.zip.ZipMethod;

/** One entry of a package's ZIP directory, as inspect shows it. */
public record ArchiveEntry(String name, long size, long compressedSize, String method) {

    /** The entries in the order they are stored. Call only on a file {@code SupArchive} accepted. */
    public static List<ArchiveEntry> list(Path file) throws IOException {
        List<ArchiveEntry> entries = new ArrayList<>();
        try (ZipFile zip = ZipFile.builder().setPath(file).setUseUnicodeExtraFields(false).get()) {
            for (ZipArchiveEntry entry : Collections.list(zip.getEntriesInPhysicalOrder())) {
                entries.add(new ArchiveEntry(entry.getName(), entry.getSize(), entry.getCompressedSize(),
                        methodName(entry.getMethod())));
            }
        }
        return entries;
    }

    private static String methodName(int code) {
        ZipMethod method = ZipMethod.getMethodByCode(code);
        return method == null ? "method " + code : method.name().toLowerCase(Locale.ROOT);
    }
}
