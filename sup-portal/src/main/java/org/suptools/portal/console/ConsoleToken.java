package org.suptools.portal.console;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.OpenOption;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;
import org.suptools.portal.store.DataDir;

/**
 * The console's admin token: made at random the first time a data directory serves the console and kept in
 * its {@value #FILE} (owner-only where the file system has POSIX modes). Whoever can read the data directory
 * can run every portal command anyway, so the file is the right place; the browser asks for it once and
 * sends it with every API request in a header.
 *
 * @param value the token, 48 hex digits
 */
public record ConsoleToken(String value) {

    /** The file in the data directory that holds the token. */
    public static final String FILE = "console-token";

    private static final int BYTES = 24;
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    public ConsoleToken {
        if (value == null || !value.matches("[0-9a-f]{" + (2 * BYTES) + "}")) {
            throw new IllegalArgumentException(FILE + ": must hold " + (2 * BYTES) + " lower-case hex digits");
        }
    }

    /**
     * The data directory's token, made on first use.
     *
     * @throws IllegalArgumentException naming the file when it holds something that is not a token
     */
    public static ConsoleToken of(DataDir data) {
        return data.locked(() -> {
            Path file = data.resolve(FILE);
            try {
                if (Files.exists(file)) {
                    String text = Files.readString(file, StandardCharsets.UTF_8).strip();
                    try {
                        return new ConsoleToken(text);
                    } catch (IllegalArgumentException e) {
                        throw new IllegalArgumentException(file + ": not a console token (48 hex digits); delete it "
                                + "to make a new one");
                    }
                }
                byte[] bytes = new byte[BYTES];
                new SecureRandom().nextBytes(bytes);
                ConsoleToken made = new ConsoleToken(HexFormat.of().formatHex(bytes));
                // Owner-only from the start (never readable by others for a moment), then renamed into place.
                Path temp = file.resolveSibling("." + FILE + ".tmp");
                Files.deleteIfExists(temp);
                Set<OpenOption> options = Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                try (FileChannel out = posix()
                        ? FileChannel.open(temp, options, PosixFilePermissions.asFileAttribute(OWNER_ONLY))
                        : FileChannel.open(temp, options)) {
                    out.write(ByteBuffer.wrap((made.value() + "\n").getBytes(StandardCharsets.UTF_8)));
                    out.force(true);
                }
                Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
                return made;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot keep the console token in " + file + ": " + e.getMessage(), e);
            }
        });
    }

    /** The token an HTTP request presents in its {@code Authorization: Bearer} header, if any. */
    public static Optional<String> presentedBy(com.sun.net.httpserver.HttpExchange exchange) {
        String header = exchange.getRequestHeaders().getFirst("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, "Bearer ".length())) {
            return Optional.empty();
        }
        return Optional.of(header.substring("Bearer ".length()).strip());
    }

    /** Whether {@code presented} is the token; compared in constant time, so its bytes cannot be guessed one by one. */
    public boolean accepts(Optional<String> presented) {
        return presented.filter(p -> MessageDigest.isEqual(value.getBytes(StandardCharsets.UTF_8),
                p.getBytes(StandardCharsets.UTF_8))).isPresent();
    }

    private static boolean posix() {
        return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    }

    @Override
    public String toString() {
        return "ConsoleToken[hidden]";
    }
}
