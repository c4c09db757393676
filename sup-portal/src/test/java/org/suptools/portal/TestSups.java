package org.suptools.portal;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.suptools.model.archive.ArchiveOptions;
import org.suptools.model.archive.SupWriter;
import org.suptools.model.manifest.Manifest;
import org.suptools.model.manifest.ManifestCodec;
import org.suptools.model.version.SemVer;

/** Real .sup files for the tests: a manifest with a name and version, no payload, no action. */
public final class TestSups {

    private TestSups() {
    }

    /** Writes {@code dir/<name>-<version>.sup} and returns it. */
    public static Path write(Path dir, String name, String version) throws Exception {
        Manifest manifest = new Manifest(Manifest.FORMAT_VERSION, name, SemVer.parse(version), Optional.empty(),
                Optional.empty(), Instant.parse("2026-01-01T00:00:00Z"), Optional.empty(), List.of(), List.of(), false,
                null, List.of(), List.of());
        Path out = dir.resolve(name + "-" + version + ".sup");
        new SupWriter().write(out, ManifestCodec.toBytes(manifest), Optional.empty(), List.of(),
                ArchiveOptions.defaults(), (done, total) -> { });
        return out;
    }
}
