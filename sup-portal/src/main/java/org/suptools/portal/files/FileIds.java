package org.suptools.portal.files;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The single-use file ids {@code file.get} hands out: each names one file's bytes, is good for one
 * {@code GET /file/<fileId>} and expires after a while (300 s by default, as the portal's). The first
 * GET takes the id whether or not the download completes; a resumed download asks {@code file.get}
 * again. Ids live in the serving process only: a restarted portal has none, and a gateway asks again.
 */
public final class FileIds {

    /** The portal's documented lifetime of a file id. */
    public static final Duration DEFAULT_LIFETIME = Duration.ofSeconds(300);

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Clock clock;
    private final Duration lifetime;
    private final Map<String, Issued> issued = new LinkedHashMap<>();

    public FileIds(Clock clock, Duration lifetime) {
        this.clock = Objects.requireNonNull(clock, "clock");
        if (lifetime.isNegative() || lifetime.isZero()) {
            throw new IllegalArgumentException("file id lifetime: must be positive, was " + lifetime);
        }
        this.lifetime = lifetime;
    }

    /** A new id for the file; expired ids are dropped on the way, so the table does not grow without end. */
    public synchronized String issue(Download file) {
        Instant now = clock.instant();
        for (Iterator<Issued> it = issued.values().iterator(); it.hasNext();) {
            if (it.next().expired(now)) {
                it.remove();
            }
        }
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        String id = HexFormat.of().formatHex(bytes);
        issued.put(id, new Issued(file, now.plus(lifetime)));
        return id;
    }

    /** Takes the id: its file if it was issued, not used and not expired; never again after. */
    public synchronized Optional<Download> claim(String id) {
        Issued entry = issued.remove(id);
        return entry == null || entry.expired(clock.instant()) ? Optional.empty() : Optional.of(entry.file());
    }

    /** The id's file without taking it, for a {@code HEAD}. */
    public synchronized Optional<Download> peek(String id) {
        Issued entry = issued.get(id);
        return entry == null || entry.expired(clock.instant()) ? Optional.empty() : Optional.of(entry.file());
    }

    /**
     * What a file id downloads.
     *
     * @param name the file's name, for the log and {@code Content-Disposition}
     * @param bytes where its bytes are
     * @param size their count, as {@code file.get} answered
     */
    public record Download(String name, Path bytes, long size) {

        public Download {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(bytes, "bytes");
            if (size < 0) {
                throw new IllegalArgumentException("size: must be 0 or more, was " + size);
            }
        }
    }

    private record Issued(Download file, Instant expiresOn) {

        boolean expired(Instant now) {
            return !now.isBefore(expiresOn);
        }
    }
}
