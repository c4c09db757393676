package org.suptools.portal.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.suptools.model.InvalidPackageException;
import org.suptools.model.archive.SupArchive;
import org.suptools.model.manifest.Manifest;
import org.suptools.model.manifest.ManifestCodec;

/** What the portal reads from a stored .sup before offering it: its manifest, and the SHA-256 of its bytes. */
final class SupFiles {

    private SupFiles() {
    }

    /** @throws IllegalArgumentException naming the file when it is not a readable .sup */
    static Manifest manifest(Path bytes, String fileName) {
        try (SupArchive archive = SupArchive.open(bytes)) {
            return ManifestCodec.parse(archive.manifestBytes(), fileName);
        } catch (InvalidPackageException e) {
            throw new IllegalArgumentException("FILE: " + oneLine(e.getMessage()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + fileName + ": " + e.getMessage(), e);
        }
    }

    /** Streams the file once; never holds it in memory. */
    static String sha256(Path bytes, String fileName) {
        try (InputStream in = new DigestInputStream(Files.newInputStream(bytes), MessageDigest.getInstance("SHA-256"))) {
            byte[] buffer = new byte[64 * 1024];
            while (in.read(buffer) >= 0) {
                // The digest sees every byte on the way.
            }
            return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + fileName + ": " + e.getMessage(), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String oneLine(String message) {
        return message == null ? "not a readable .sup" : message.replaceAll("\\s*\\R\\s*", " ");
    }
}
