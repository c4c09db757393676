package org.suptools.cli.commands;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.util.List;
import java.util.concurrent.Callable;
import org.suptools.cli.options.CommonOptions;
import org.suptools.cli.output.Progress;
import org.suptools.cli.output.SignatureView;
import org.suptools.cli.packages.Refusals;
import org.suptools.cli.packages.SigningKeys;
import org.suptools.model.InvalidPackageException;
import org.suptools.model.archive.Sha256;
import org.suptools.model.archive.SupArchive;
import org.suptools.model.archive.SupWriter;
import org.suptools.model.manifest.Manifest;
import org.suptools.model.manifest.ManifestCodec;
import org.suptools.model.signing.SignatureSet;
import org.suptools.model.signing.Signer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code sup sign IN.sup --key KEY}: adds a signature, after checking the package is intact. */
@Command(name = "sign",
        header = "Add a signature to a package.",
        mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Add a signature to a package. The package is checked first (structure, payload sizes "
                + "and hashes); a tampered package is refused, not signed.",
            "Signing again with the same key replaces that key's signature. The manifest and payloads are "
                + "copied unchanged; with Ed25519 keys the result is byte-reproducible.",
            "Without -o the package is replaced in place, atomically."},
        footer = {"%nExamples:", "  sup sign my-package.sup --key keys/second.key",
            "  sup sign my-package.sup -k keys/release.key -o my-package-signed.sup"})
public final class SignCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private CommonOptions common;

    @Parameters(paramLabel = "IN.sup", description = "The package to sign.")
    private Path in;

    @Option(names = {"-k", "--key"}, required = true, paramLabel = "KEY",
            description = "A private key file (PEM) to sign with; repeat for several signatures.")
    private List<Path> keyFiles;

    @Option(names = {"-o", "--out"}, paramLabel = "OUT.sup",
            description = "Write the signed package here instead of replacing IN.sup.")
    private Path out;

    @Override
    public Integer call() throws IOException, InvalidPackageException {
        Inputs.existing(in);
        Path target = out == null ? in : out;
        OutputPaths.checkNotDirectory(spec.commandLine(), target);
        List<PrivateKey> keys = SigningKeys.read(keyFiles);
        byte[] manifestBytes;
        SignatureSet signatures;
        try (SupArchive archive = SupArchive.open(in);
             Progress progress = Progress.on(spec.commandLine().getErr(), "checking", common.quiet())) {
            manifestBytes = archive.manifestBytes();
            Manifest manifest = ManifestCodec.parse(manifestBytes, in.toString());
            signatures = archive.signatureBytes().isPresent()
                    ? SignatureSet.parse(archive.signatureBytes().get(), in + ": signatures.json")
                    : SignatureSet.empty();
            archive.verifyPayloads(manifest.payloads(), progress::progress);
        } catch (InvalidPackageException e) {
            throw Refusals.naming(in, e);
        }
        for (PrivateKey key : keys) {
            signatures = signatures.with(Signer.sign(manifestBytes, key));
        }
        Path parent = target.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        new SupWriter().resign(in, signatures.toJson(), target);
        if (!common.quiet()) {
            PrintWriter output = spec.commandLine().getOut();
            output.println("Signed " + target + ": signed " + SignatureView.summary(signatures));
            output.println("  size    " + Files.size(target) + " bytes");
            output.println("  sha256  " + Sha256.ofFile(target));
            output.flush();
        }
        return 0;
    }
}
