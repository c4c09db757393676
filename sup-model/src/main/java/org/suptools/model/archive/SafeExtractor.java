package org.suptools.model.archive;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.suptools.model.InvalidPackageException;
import org.suptools.model.files.AtomicFiles;
import org.suptools.model.manifest.PayloadFile;

/**
 * Unpacks a .sup into a directory: {@code manifest.json}, {@code signatures.json} if present,
 * and every payload under {@code payload/}, all verified as they are written.
 *
 * <p>It never writes outside the destination: entry names are already safe (see
 * {@link SupArchive}), and a symbolic link met on the way, even one that was already in the
 * destination, is refused rather than followed. It never overwrites: a file that already exists
 * is refused. Each file is written to a temporary file beside it and linked into place only once
 * its size and SHA-256 are verified. On any failure everything this call created is removed
 * again, so the destination is as it was. It does not defend against another process changing
 * the destination while it runs; extract into a directory nobody else writes to.
 */
public final class SafeExtractor {

    private SafeExtractor() {
    }

    /**
     * Extracts {@code archive} into {@code destDir}, creating it if needed.
     *
     * @param declared the manifest's payload list; checked with {@link SupArchive#checkContents}
     * @throws InvalidPackageException    if the archive does not match {@code declared}
     * @throws FileAlreadyExistsException if a file to be written already exists
     * @throws FileSystemException        if a symbolic link or a non-directory is in the way
     * @throws IOException                if writing fails
     */
    public static void extract(SupArchive archive, List<PayloadFile> declared, Path destDir)
            throws IOException, InvalidPackageException {
        archive.checkContents(declared);
        Map<String, PayloadFile> byPath = new HashMap<>();
        declared.forEach(payload -> byPath.put(payload.path(), payload));
        Files.createDirectories(destDir);
        Path root = destDir.toRealPath();
        List<Path> created = new ArrayList<>();
        try {
            place(root, EntryNames.MANIFEST, created, out -> out.write(archive.manifestBytes()));
            if (archive.signatureBytes().isPresent()) {
                place(root, EntryNames.SIGNATURES, created, out -> out.write(archive.signatureBytes().get()));
            }
            for (String name : archive.payloadNames()) {
                try (InputStream in = archive.openPayload(byPath.get(name))) {
                    place(root, name, created, in::transferTo);
                }
            }
        } catch (PayloadVerificationException e) {
            removeAll(created, e);
            throw e.invalidPackage();
        } catch (IOException | InvalidPackageException | RuntimeException | Error e) {
            removeAll(created, e);
            throw e;
        }
    }

    @FunctionalInterface
    private interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    private static void place(Path root, String name, List<Path> created, Content content) throws IOException {
        String[] segments = name.split("/");
        Path parent = root;
        for (int i = 0; i < segments.length - 1; i++) {
            parent = parent.resolve(segments[i]);
            ensureDirectory(parent, created);
        }
        Path target = parent.resolve(segments[segments.length - 1]);
        if (!target.normalize().startsWith(root)) {
            throw new FileSystemException(target.toString(), null, "is outside " + root);
        }
        if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            throw new FileAlreadyExistsException(target.toString(), null, "exists already; refusing to overwrite it");
        }
        AtomicFiles.create(target, temp -> {
            try (OutputStream out = Files.newOutputStream(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                content.writeTo(out);
            }
        });
        created.add(target);
    }

    private static void ensureDirectory(Path directory, List<Path> created) throws IOException {
        if (Files.isSymbolicLink(directory)) {
            throw new FileSystemException(directory.toString(), null, "is a symbolic link; refusing to extract through it");
        }
        if (Files.exists(directory, LinkOption.NOFOLLOW_LINKS)) {
            if (!Files.isDirectory(directory, LinkOption.NOFOLLOW_LINKS)) {
                throw new FileSystemException(directory.toString(), null, "is in the way: not a directory");
            }
            return;
        }
        Files.createDirectory(directory);
        created.add(directory);
    }

    private static void removeAll(List<Path> created, Throwable failure) {
        for (int i = created.size() - 1; i >= 0; i--) {
            try {
                Files.deleteIfExists(created.get(i));
            } catch (DirectoryNotEmptyException e) {
                // something else was put there meanwhile; leave it
            } catch (IOException e) {
                failure.addSuppressed(e);
            }
        }
    }
}
