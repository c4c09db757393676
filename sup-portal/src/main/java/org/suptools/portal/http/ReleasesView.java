package org.suptools.portal.http;

import java.time.Instant;
import java.util.List;
import org.suptools.portal.store.Releases;

/** The releases as {@code /api/releases} and {@code release list --json} show them, newest first. */
public final class ReleasesView {

    private ReleasesView() {
    }

    /**
     * One release.
     *
     * @param offered false when its Developer File was replaced or deleted since it was published
     */
    public record Entry(String name, String version, String fileName, long size, long crc32, String sha256,
            String policy, Instant publishedOn, boolean offered) {
    }

    public static List<Entry> of(Releases releases) {
        return releases.all().stream().map(r -> new Entry(r.name(), r.version(), r.fileName(), r.size(), r.crc32(),
                r.sha256(), r.policy(), r.publishedOn(), releases.isCurrent(r))).toList();
    }
}
