package org.suptools.model.signing;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/** Writes a key pair to disk as {@code base.key} (private, owner-only) and {@code base.pub}. */
public final class KeyFiles {

    /** Suffix of the private key file. */
    public static final String PRIVATE_SUFFIX = ".key";

    /** Suffix of the public key file. */
    public static final String PUBLIC_SUFFIX = ".pub";

    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    /** The two files written. */
    public record Written(Path privateKeyFile, Path publicKeyFile) {

        public Written {
            Objects.requireNonNull(privateKeyFile, "privateKeyFile");
            Objects.requireNonNull(publicKeyFile, "publicKeyFile");
        }
    }

    private KeyFiles() {
    }

    /**
     * Writes {@code base.key} as a PKCS#8 PEM file and {@code base.pub} as a SubjectPublicKeyInfo
     * PEM file. On a POSIX file system the private key file is created with mode 600 in the same
     * call that creates it, so it is never readable by others, not even briefly; elsewhere it
     * inherits the directory's access rules. Nothing is overwritten: if either file exists, no
     * file is written.
     *
     * @throws FileAlreadyExistsException if either file already exists
     * @throws IllegalArgumentException if the keys are of an unsupported algorithm or do not
     *     belong together
     */
    public static Written write(Path base, KeyPair pair) throws IOException {
        Objects.requireNonNull(base, "base");
        Objects.requireNonNull(pair, "pair");
        Path fileName = base.getFileName();
        if (fileName == null) {
            throw new IllegalArgumentException("base: '" + base + "' has no file name");
        }
        if (!KeyId.of(PemKeys.publicKeyOf(pair.getPrivate())).equals(KeyId.of(pair.getPublic()))) {
            throw new IllegalArgumentException("pair: the public key does not belong to the private key");
        }
        Path privateFile = base.resolveSibling(fileName + PRIVATE_SUFFIX);
        Path publicFile = base.resolveSibling(fileName + PUBLIC_SUFFIX);
        for (Path file : new Path[] {privateFile, publicFile}) {
            if (Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
                throw alreadyExists(file);
            }
        }
        String privatePem = PemKeys.toPem(pair.getPrivate());
        String publicPem = PemKeys.toPem(pair.getPublic());
        createNew(privateFile, privatePem, ownerOnly(privateFile));
        try {
            createNew(publicFile, publicPem);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(privateFile);
            throw e;
        }
        return new Written(privateFile, publicFile);
    }

    private static FileAttribute<?>[] ownerOnly(Path file) {
        return file.getFileSystem().supportedFileAttributeViews().contains("posix")
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_ONLY)}
                : new FileAttribute<?>[0];
    }

    private static void createNew(Path file, String text, FileAttribute<?>... attributes) throws IOException {
        Set<StandardOpenOption> options = EnumSet.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        SeekableByteChannel channel;
        try {
            channel = Files.newByteChannel(file, options, attributes);
        } catch (FileAlreadyExistsException e) {
            throw alreadyExists(file);
        }
        try (channel) {
            ByteBuffer bytes = ByteBuffer.wrap(text.getBytes(StandardCharsets.US_ASCII));
            while (bytes.hasRemaining()) {
                channel.write(bytes);
            }
        } catch (IOException e) {
            // A half-written key file would only fail later, with a less helpful message.
            Files.deleteIfExists(file);
            throw e;
        }
    }

    private static FileAlreadyExistsException alreadyExists(Path file) {
        return new FileAlreadyExistsException(file.toString(), null, "already exists; refusing to overwrite a key file");
    }
}
