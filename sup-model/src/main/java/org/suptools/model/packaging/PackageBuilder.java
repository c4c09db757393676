package org.suptools.model.packaging;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.suptools.model.archive.ArchiveOptions;
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
 * Turns a checked spec into a {@code .sup}: hashes every payload file, writes the manifest that
 * pins them, signs the manifest's exact bytes with each key, and writes the archive. Given the same
 * spec, payloads, keys and timestamp, the output is the same bytes (Ed25519 signatures are
 * deterministic).
 */
public final class PackageBuilder {

    private final ArchiveOptions options;
    private final ProgressListener progress;

    public PackageBuilder(ArchiveOptions options, ProgressListener progress) {
        this.options = options;
        this.progress = progress;
    }

    public BuildResult build(LoadedSpec loaded, Path out, List<PrivateKey> keys) throws IOException {
        long total = loaded.payloads().stream().mapToLong(SpecPayload::size).sum();
        List<PayloadFile> payloads = hashPayloads(loaded.payloads(), total);
        Manifest manifest = manifestOf(loaded.spec(), payloads);
        byte[] manifestBytes = ManifestCodec.toBytes(manifest);
        SignatureSet signatures = SignatureSet.empty();
        for (PrivateKey key : keys) {
            signatures = signatures.with(Signer.sign(manifestBytes, key));
        }
        List<PayloadSource> sources = new ArrayList<>();
        for (SpecPayload payload : loaded.payloads()) {
            sources.add(new PayloadSource(PayloadFile.PREFIX + payload.name(), payload.file()));
        }
        Optional<byte[]> signatureBytes = signatures.isEmpty() ? Optional.empty() : Optional.of(signatures.toJson());
        new SupWriter().write(out, manifestBytes, signatureBytes, sources, options,
                (done, all) -> progress.progress(total + done, total + all));
        return new BuildResult(out, Files.size(out), Sha256.ofFile(out), manifest, signatures);
    }

    /** Hashes each payload once, streaming; reports progress over the first half of the work. */
    private List<PayloadFile> hashPayloads(List<SpecPayload> payloads, long total) throws IOException {
        List<PayloadFile> files = new ArrayList<>();
        long done = 0;
        for (SpecPayload payload : payloads) {
            long size = Files.size(payload.file());
            String hash = Sha256.ofFile(payload.file());
            if (Files.size(payload.file()) != size) {
                throw new IOException(payload.file() + ": changed while being hashed");
            }
            files.add(new PayloadFile(PayloadFile.PREFIX + payload.name(), size, hash));
            done += size;
            progress.progress(done, 2 * total);
        }
        return files;
    }

    private Manifest manifestOf(PackageSpec spec, List<PayloadFile> payloads) {
        return new Manifest(Manifest.FORMAT_VERSION, spec.name(), spec.version(), spec.description(), spec.vendor(),
                options.timestamp(), spec.expires(), spec.targets(), spec.requires(), spec.allowDowngrade(),
                spec.failurePolicy(), payloads, spec.actions());
    }
}
