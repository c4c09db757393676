package org.suptools.workbench.service;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.suptools.model.InvalidPackageException;
import org.suptools.model.archive.ArchiveOptions;
import org.suptools.model.archive.ChunkIndex;
import org.suptools.model.archive.ProgressListener;
import org.suptools.model.archive.SafeExtractor;
import org.suptools.model.archive.Sha256;
import org.suptools.model.archive.SupArchive;
import org.suptools.model.manifest.Manifest;
import org.suptools.model.packaging.BuildResult;
import org.suptools.model.packaging.PackageBuilder;
import org.suptools.model.packaging.PackageVerifier;
import org.suptools.model.packaging.VerifyOptions;
import org.suptools.model.signing.KeyFileException;
import org.suptools.model.signing.PackageSignature;
import org.suptools.model.signing.PemKeys;
import org.suptools.model.signing.SignatureSet;
import org.suptools.model.signing.SignatureVerifier;
import org.suptools.model.signing.TrustStore;
import org.suptools.model.spec.LoadedSpec;
import org.suptools.model.spec.PackageSpec;
import org.suptools.model.spec.SpecFiles;

/** The packaging of sup-model: the same {@link PackageBuilder} and verifier the CLI uses. */
public final class ModelPackageService implements PackageService {

    /** Reading a package to show or convert it is not installing it, so expiry is judged separately. */
    private static final java.time.Instant BEFORE_ANY_EXPIRY = java.time.Instant.EPOCH.plusSeconds(1);

    private final Clock clock;

    public ModelPackageService(Clock clock) {
        this.clock = clock;
    }

    @Override
    public BuildResult build(LoadedSpec spec, Path out, List<Path> privateKeys, ProgressListener progress)
            throws IOException, KeyFileException {
        List<PrivateKey> keys = new ArrayList<>();
        for (Path file : privateKeys) {
            keys.add(PemKeys.readPrivateKey(file));
        }
        return new PackageBuilder(ArchiveOptions.fromEnvironment(), progress).build(spec, out, keys);
    }

    @Override
    public OpenedPackage open(Path file, Optional<Path> trustStore, ProgressListener progress)
            throws IOException, InvalidPackageException, KeyFileException {
        long size = Files.size(file);
        String sha256 = Sha256.ofFile(file);
        Optional<TrustStore> trust = trustStore.isPresent() ? Optional.of(TrustStore.load(trustStore.get()))
                : Optional.empty();
        try (SupArchive archive = SupArchive.open(file)) {
            // Read whatever its expiry: an expired package is still worth looking at; it is reported below.
            PackageVerifier.SignedManifest signed = new PackageVerifier(VerifyOptions.integrityOnly(BEFORE_ANY_EXPIRY))
                    .readSigned(archive, file);
            Manifest manifest = signed.manifest();
            List<OpenedPackage.SignatureInfo> infos = new ArrayList<>();
            for (PackageSignature signature : signed.signatures().signatures()) {
                Optional<Boolean> trusted = trust.map(store -> isTrusted(store, archive.manifestBytes(), signature));
                infos.add(new OpenedPackage.SignatureInfo(signature.keyId(), signature.algorithm().id(), trusted));
            }
            Optional<String> problem = Optional.empty();
            try {
                archive.checkContents(manifest.payloads());
                archive.verifyPayloads(manifest.payloads(), progress);
            } catch (InvalidPackageException e) {
                problem = Optional.of(e.getMessage());
            }
            if (problem.isEmpty() && manifest.isExpiredAt(clock.instant())) {
                problem = Optional.of("the package expired at " + manifest.expires().orElseThrow()
                        + "; an installer refuses it");
            }
            return new OpenedPackage(file, size, sha256, manifest, infos, trustStore.map(Path::toString), problem);
        }
    }

    /** Whether the store holds the signing key and the signature holds over the manifest's bytes. */
    private static boolean isTrusted(TrustStore store, byte[] manifestBytes, PackageSignature signature) {
        Optional<java.security.PublicKey> key = store.find(signature.keyId());
        if (key.isEmpty()) {
            return false;
        }
        try {
            SignatureVerifier.verify(manifestBytes, new SignatureSet(List.of(signature)),
                    TrustStore.of(store.source(), List.of(key.get())), 1);
            return true;
        } catch (InvalidPackageException e) {
            return false;
        }
    }

    @Override
    public Path convertToSpec(Path file, Path dir) throws IOException, InvalidPackageException {
        Path spec = dir.resolve(SpecFiles.DEFAULT_NAME);
        if (Files.exists(spec)) {
            throw new java.nio.file.FileAlreadyExistsException(spec.toString(), null,
                    "exists already; choose an empty directory");
        }
        Manifest manifest;
        try (SupArchive archive = SupArchive.open(file)) {
            manifest = new PackageVerifier(VerifyOptions.integrityOnly(BEFORE_ANY_EXPIRY))
                    .readSigned(archive, file).manifest();
            SafeExtractor.extract(archive, manifest.payloads(), dir);
        }
        // The manifest, signatures and chunk indexes belong to the built package; the spec is the source from now on.
        Files.deleteIfExists(dir.resolve("manifest.json"));
        Files.deleteIfExists(dir.resolve("signatures.json"));
        deleteTree(dir.resolve(ChunkIndex.DIRECTORY));
        PackageSpec specOf = new PackageSpec(manifest.name(), manifest.version(), manifest.description(),
                manifest.vendor(), manifest.expires(), manifest.targets(), manifest.requires(),
                manifest.allowDowngrade(), manifest.failurePolicy(), Optional.empty(), manifest.actions());
        SpecFiles.write(specOf, spec);
        return spec;
    }

    /** Deletes {@code root} and all it holds, if it exists. */
    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> tree = Files.walk(root)) {
            for (Path path : (Iterable<Path>) tree.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(path);
            }
        }
    }
}
