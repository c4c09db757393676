package org.suptools.installer.archive;

import java.io.IOException;
import java.io.InputStream;

/**
 * What is done with each entry of an archive payload, in archive order, once the reader has
 * checked it. Names are clean relative paths, safe by the model's
 * {@link org.suptools.model.archive.EntryNameRule#PAYLOAD_ARCHIVE_ENTRY}; modes are the
 * permission bits only ({@code 0777}), 0 when the archive gives none.
 *
 * @param <X> what the visitor itself may throw
 */
public interface ArchiveVisitor<X extends Exception> {

    void directory(String name, int mode) throws IOException, X;

    /**
     * A regular file of exactly {@code size} bytes. {@code content} yields them and fails (with an
     * {@link UnsafeArchiveException}) as soon as the archive holds more, or at its end when it holds
     * fewer or they fail the archive's own check; whatever is not read is read by the reader
     * afterwards, so it is checked all the same. Whoever writes it out discards the copy when it
     * fails.
     */
    void file(String name, int mode, long size, InputStream content) throws IOException, X;

    /** A symbolic link to {@code target}, as the archive gives it (not checked here). */
    void link(String name, String target) throws IOException, X;

    /** A visitor that does nothing with the entries: the reader still reads and checks every byte. */
    static ArchiveVisitor<RuntimeException> checkOnly() {
        return new ArchiveVisitor<>() {
            @Override
            public void directory(String name, int mode) {
            }

            @Override
            public void file(String name, int mode, long size, InputStream content) {
            }

            @Override
            public void link(String name, String target) {
            }
        };
    }
}
