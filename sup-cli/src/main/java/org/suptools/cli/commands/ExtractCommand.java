package org.suptools.cli.commands;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.suptools.cli.options.CommonOptions;
import org.suptools.cli.packages.Refusals;
import org.suptools.model.InvalidPackageException;
import org.suptools.model.archive.SafeExtractor;
import org.suptools.model.archive.SupArchive;
import org.suptools.model.packaging.PackageVerifier;
import org.suptools.model.packaging.PackageVerifier.SignedManifest;
import org.suptools.model.packaging.VerifyOptions;
import org.suptools.model.signing.TrustStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code sup extract IN.sup -d DIR}: the manifest, signatures and payloads, each verified as it is written. */
@Command(name = "extract",
        header = "Unpack the manifest and payloads of a package safely.",
        mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Unpack a package safely: manifest.json, signatures.json and payload/..., each file "
                + "checked against the manifest's size and SHA-256 before it appears. Nothing is written "
                + "outside DIR, nothing is overwritten, and on failure nothing is left behind.",
            "DIR must be empty or absent. With --trust the signatures are checked first."},
        footer = {"%nExample:", "  sup extract my-package.sup -d my-package-contents --trust keys/release.pub"})
public final class ExtractCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private CommonOptions common;

    @Parameters(paramLabel = "IN.sup", description = "The package to unpack.")
    private Path in;

    @Option(names = {"-d", "--dir"}, required = true, paramLabel = "DIR",
            description = "The directory to unpack into (empty or absent).")
    private Path dir;

    @Option(names = "--trust", paramLabel = "DIR_OR_KEY",
            description = "Extract only if signed by one of these public keys (a .pub file, or a directory of them).")
    private Path trust;

    @Override
    public Integer call() throws IOException, InvalidPackageException {
        Inputs.existing(in);
        checkEmptyOrAbsent(dir);
        VerifyOptions options = trust == null
                ? VerifyOptions.integrityOnly(Instant.now())
                : VerifyOptions.trusting(TrustStore.load(trust), Instant.now());
        int files;
        try (SupArchive archive = SupArchive.open(in)) {
            SignedManifest signed = new PackageVerifier(options).readSigned(archive, in);
            SafeExtractor.extract(archive, signed.manifest().payloads(), dir);
            files = signed.manifest().payloads().size() + 1 + (archive.signatureBytes().isPresent() ? 1 : 0);
        } catch (InvalidPackageException e) {
            throw Refusals.naming(in, e);
        }
        if (!common.quiet()) {
            PrintWriter out = spec.commandLine().getOut();
            out.println("Extracted " + files + " files from " + in + " to " + dir);
            out.flush();
        }
        return 0;
    }

    private static void checkEmptyOrAbsent(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        if (!Files.isDirectory(dir)) {
            throw new NotDirectoryException(dir.toString());
        }
        try (Stream<Path> children = Files.list(dir)) {
            if (children.findAny().isPresent()) {
                throw new DirectoryNotEmptyException(dir.toString());
            }
        }
    }
}
