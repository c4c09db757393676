package org.suptools.model.packaging;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.suptools.model.archive.ArchiveOptions;
import org.suptools.model.archive.ChunkIndex;
import org.suptools.model.archive.MetadataFinisher;
import org.suptools.model.archive.PayloadSource;
import org.suptools.model.archive.ProgressListener;
import org.suptools.model.archive.Sha256;
import org.suptools.model.archive.SupWriter;
import org.suptools.model.manifest.Manifest;
import org.suptools.model.manifest.ManifestCodec;
import org.suptools.model.manifest.PayloadFile;
import org.suptools.model.signing.SignatureSet;
import org.suptools.model.signing.Signer;
import org.suptools.model.spec.LoadedSpec;
import org.suptools.model.spec.PackageSpec;
import org.suptools.model.spec.SpecPayload;

/**
 * Turns a checked spec into a {@code .sup} in one pass over the payloads: it writes a
 * placeholder manifest (every payload with its current size and a hash of zeros) and
 * signatures over it, copies and hashes the payloads, then writes over the placeholders the
 * manifest that pins the hashes and its signatures by each key. A SHA-256 in hex has a fixed
 * length and so does a signature by a given key, so the final metadata has the placeholders'
 * lengths. Given the same spec, payloads, keys and timestamp, the output is the same bytes
 * (Ed25519 signatures are deterministic).
 */
public final class PackageBuilder {

    private static final String PLACEHOLDER_SHA256 = "0".repeat(64);

    private final ArchiveOptions options;
    private final ProgressListener progress;
    private final boolean digest;
    private final boolean chunkIndexes;

    /**
     * A builder that also reports the SHA-256 of the finished package, and gives every large
     * STORED payload its {@link ChunkIndex}.
     *
     * @param options  the timestamp to record
     * @param progress told of payload bytes written and hashed, out of the payloads' total size
     */
    public PackageBuilder(ArchiveOptions options, ProgressListener progress) {
        this(options, progress, true, true);
    }

    private PackageBuilder(ArchiveOptions options, ProgressListener progress, boolean digest, boolean chunkIndexes) {
        this.options = options;
        this.progress = progress;
        this.digest = digest;
        this.chunkIndexes = chunkIndexes;
    }

    /**
     * The same builder without the package's own SHA-256: the package's first bytes are final
     * only at the end, so its digest costs one more read of the whole file, as long again as
     * hashing the payloads.
     */
    public PackageBuilder withoutDigest() {
        return new PackageBuilder(options, progress, false, chunkIndexes);
    }

    /**
     * The same builder without chunk indexes: their digests are a second SHA-256 of every byte of
     * a large payload, which a machine with two cores or fewer pays in build time (about 0.8 s per
     * GiB on the reference machine); such a package is verified on one core.
     */
    public PackageBuilder withoutChunkIndexes() {
        return new PackageBuilder(options, progress, digest, false);
    }

    /**
     * Builds the package at {@code out}, signed by every key, replacing any file there only once
     * it is complete.
     *
     * @throws IOException if a payload cannot be read, or changes while it is packaged, or the
     *                     package cannot be written
     */
    public BuildResult build(LoadedSpec loaded, Path out, List<PrivateKey> keys) throws IOException {
        List<PayloadSource> sources = new ArrayList<>();
        List<PayloadFile> placeholders = new ArrayList<>();
        List<PayloadFile> indexPlaceholders = new ArrayList<>();
        for (SpecPayload payload : loaded.payloads()) {
            String path = PayloadFile.PREFIX + payload.name();
            long size = Files.size(payload.file());
            boolean indexed = chunkIndexes && ChunkIndex.wanted(path, payload.file(), size);
            sources.add(new PayloadSource(path, payload.file(), indexed));
            placeholders.add(new PayloadFile(path, size, PLACEHOLDER_SHA256));
            if (indexed) {
                indexPlaceholders.add(new PayloadFile(ChunkIndex.entryFor(path),
                        ChunkIndex.placeholder(path, size).toJson().length, PLACEHOLDER_SHA256));
            }
        }
        placeholders.addAll(indexPlaceholders);
        byte[] placeholderManifest = ManifestCodec.toBytes(manifestOf(loaded.spec(), placeholders));
        Optional<byte[]> placeholderSignatures = json(sign(placeholderManifest, keys));
        Finisher finisher = new Finisher(loaded, placeholders, placeholderManifest.length, keys);

        new SupWriter().write(out, placeholderManifest, placeholderSignatures, sources, options, progress, finisher);
        Optional<String> sha256 = digest ? Optional.of(Sha256.ofFile(out)) : Optional.empty();
        return new BuildResult(out, Files.size(out), sha256, finisher.manifest, finisher.signatures);
    }

    /** Makes the real manifest from the hashed payloads, and signs it. */
    private final class Finisher implements MetadataFinisher {

        private final LoadedSpec loaded;
        private final List<PayloadFile> placeholders;
        private final int manifestLength;
        private final List<PrivateKey> keys;
        private Manifest manifest;
        private SignatureSet signatures;

        Finisher(LoadedSpec loaded, List<PayloadFile> placeholders, int manifestLength, List<PrivateKey> keys) {
            this.loaded = loaded;
            this.placeholders = placeholders;
            this.manifestLength = manifestLength;
            this.keys = keys;
        }

        @Override
        public Metadata finish(List<PayloadFile> payloads) throws IOException {
            for (int i = 0; i < loaded.payloads().size(); i++) {
                if (payloads.get(i).size() != placeholders.get(i).size()) {
                    throw new IOException(loaded.payloads().get(i).file() + ": changed while the package was built ("
                            + placeholders.get(i).size() + " bytes before, " + payloads.get(i).size() + " now)");
                }
            }
            manifest = manifestOf(loaded.spec(), payloads);
            byte[] manifestBytes = ManifestCodec.toBytes(manifest);
            if (manifestBytes.length != manifestLength) {
                throw new IllegalStateException("the manifest with the payload hashes has " + manifestBytes.length
                        + " bytes, its placeholder " + manifestLength + "; they differ only in hex digits");
            }
            signatures = sign(manifestBytes, keys);
            return new Metadata(manifestBytes, json(signatures));
        }
    }

    private static SignatureSet sign(byte[] manifestBytes, List<PrivateKey> keys) {
        SignatureSet signatures = SignatureSet.empty();
        for (PrivateKey key : keys) {
            signatures = signatures.with(Signer.sign(manifestBytes, key));
        }
        return signatures;
    }

    private static Optional<byte[]> json(SignatureSet signatures) {
        return signatures.isEmpty() ? Optional.empty() : Optional.of(signatures.toJson());
    }

    /** The manifest, its payloads (the spec's and their chunk indexes) listed by path, as the archive holds them. */
    private Manifest manifestOf(PackageSpec spec, List<PayloadFile> payloads) {
        List<PayloadFile> byPath = payloads.stream().sorted(Comparator.comparing(PayloadFile::path)).toList();
        return new Manifest(Manifest.FORMAT_VERSION, spec.name(), spec.version(), spec.description(), spec.vendor(),
                options.timestamp(), spec.expires(), spec.targets(), spec.requires(), spec.allowDowngrade(),
                spec.failurePolicy(), byPath, spec.actions());
    }
}
