package org.suptools.agent.download;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.suptools.model.archive.ArchiveOptions;
import org.suptools.model.archive.ChunkIndex;
import org.suptools.model.archive.ProgressListener;
import org.suptools.model.packaging.PackageBuilder;

/**
 * A real package, built by {@code sup}'s own builder, whose image has a chunk index: three
 * chunks (two whole, one of a byte), after a small configuration file.
 *
 * @param bytes      the whole {@code .sup}
 * @param imageStart where the image's bytes start in it
 */
public record IndexedPackage(byte[] bytes, long imageStart) {

    static final String IMAGE = "payload/image.bin";
    static final long CHUNK = ChunkIndex.CHUNK_SIZE;

    public static IndexedPackage build(Path dir) throws Exception {
        Path spec = Files.createDirectories(dir.resolve("spec/payload")).getParent();
        byte[] image = new byte[(int) (2 * CHUNK + 1)];
        new Random(8).nextBytes(image);
        Files.write(spec.resolve("payload/image.bin"), image);
        Files.writeString(spec.resolve("payload/app.conf"), "port=8080\n");
        Files.writeString(spec.resolve("sup.yaml"), """
                name: acme
                version: 1.0.0
                targets: [{product: gw, os: linux, architecture: x86_64}]
                actions:
                  - {id: conf, type: file.copy, source: app.conf, destination: conf/app.conf}
                  - {id: image, type: file.copy, source: image.bin, destination: lib/image.bin}
                """);
        Instant now = Instant.parse("2026-12-01T00:00:00Z");
        Path file = new PackageBuilder(new ArchiveOptions(now), ProgressListener.NONE)
                .build(org.suptools.model.spec.SpecFiles.loadValid(spec, now), dir.resolve("acme.sup"), List.of())
                .file();
        byte[] bytes = Files.readAllBytes(file);
        return new IndexedPackage(bytes, indexOf(bytes, Arrays.copyOf(image, 64)));
    }

    /** Where chunk {@code n} of the image starts in the file. */
    public long chunkStart(int n) {
        return imageStart + n * CHUNK;
    }

    /** A copy of the file with one byte changed at {@code offset}. */
    public byte[] damagedAt(long offset) {
        byte[] copy = bytes.clone();
        copy[(int) offset] ^= 0x5A;
        return copy;
    }

    private static long indexOf(byte[] in, byte[] what) {
        outer:
        for (int i = 0; i + what.length <= in.length; i++) {
            for (int j = 0; j < what.length; j++) {
                if (in[i + j] != what[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new IllegalStateException("the image is not stored in the package");
    }
}
