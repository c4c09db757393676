package org.suptools.model.archive;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.zip.ZipEntry;
import org.apache.commons.compress.archivers.zip.Zip64Mode;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;

/** Builds arbitrary, also hostile, ZIP files for tests, entry by entry. */
final class ZipBuilder {

    private record Item(String name, byte[] data, Consumer<ZipArchiveEntry> customize) {
    }

    private final List<Item> items = new ArrayList<>();
    private Zip64Mode zip64Mode = Zip64Mode.AsNeeded;

    static ZipBuilder zip() {
        return new ZipBuilder();
    }

    /** Starts with a {@code manifest.json}, as every .sup does. */
    static ZipBuilder sup() {
        return zip().stored("manifest.json", "{}".getBytes());
    }

    ZipBuilder stored(String name, byte[] data) {
        return entry(name, data, entry -> entry.setMethod(ZipEntry.STORED));
    }

    ZipBuilder deflated(String name, byte[] data) {
        return entry(name, data, entry -> entry.setMethod(ZipEntry.DEFLATED));
    }

    ZipBuilder entry(String name, byte[] data, Consumer<ZipArchiveEntry> customize) {
        items.add(new Item(name, data, customize));
        return this;
    }

    ZipBuilder zip64(Zip64Mode mode) {
        zip64Mode = mode;
        return this;
    }

    Path writeTo(Path file) throws IOException {
        try (ZipArchiveOutputStream out = new ZipArchiveOutputStream(file)) {
            out.setUseZip64(zip64Mode);
            for (Item item : items) {
                ZipArchiveEntry entry = new ZipArchiveEntry(item.name());
                entry.setUnixMode(0100644);
                entry.setMethod(ZipEntry.STORED);
                item.customize().accept(entry);
                out.putArchiveEntry(entry);
                out.write(item.data());
                out.closeArchiveEntry();
            }
        }
        return file;
    }
}
