package org.suptools.cli.commands;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.suptools.cli.options.CommonOptions;
import org.suptools.cli.options.JsonOption;
import org.suptools.cli.output.JsonOutput;
import org.suptools.cli.output.PackageView;
import org.suptools.cli.packages.ArchiveEntry;
import org.suptools.cli.packages.OpenedPackage;
import org.suptools.cli.packages.SignatureStatus;
import org.suptools.model.InvalidPackageException;
import org.suptools.model.archive.Sha256;
import org.suptools.model.signing.PackageSignature;
import org.suptools.model.signing.TrustStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code sup inspect IN.sup}: what is in a package, trusting nothing. */
@Command(name = "inspect",
        header = "Show what is in a package.",
        mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Show what is in a package: metadata, targets, actions, payloads, signatures and archive "
                + "entries.",
            "Only the structure is checked (payloads are not hashed, signatures are only checked with --trust); "
                + "use 'sup verify' before relying on what it shows."},
        footer = {"%nExamples:", "  sup inspect my-package.sup", "  sup inspect my-package.sup --trust keys/ --json"})
public final class InspectCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private CommonOptions common;

    @Mixin
    private JsonOption json;

    @Parameters(paramLabel = "IN.sup", description = "The package to inspect.")
    private Path in;

    @Option(names = "--trust", paramLabel = "DIR_OR_KEY",
            description = "Mark each signature trusted, untrusted or bad-signature against these public keys "
                    + "(a .pub file, or a directory of them).")
    private Path trust;

    @Override
    public Integer call() throws IOException, InvalidPackageException {
        Inputs.existing(in);
        Optional<TrustStore> trustStore = trust == null ? Optional.empty() : Optional.of(TrustStore.load(trust));
        OpenedPackage opened = OpenedPackage.read(in);
        List<ArchiveEntry> entries = ArchiveEntry.list(in);
        long size = Files.size(in);
        String sha256 = Sha256.ofFile(in);
        if (json.enabled()) {
            printJson(opened, entries, size, sha256, trustStore);
        } else {
            new PackageView(spec.commandLine().getOut()).print(opened, entries, size, sha256, trustStore);
        }
        return 0;
    }

    private void printJson(OpenedPackage opened, List<ArchiveEntry> entries, long size, String sha256,
            Optional<TrustStore> trustStore) {
        ObjectNode root = JsonOutput.object();
        root.put("file", in.toString());
        root.put("size", size);
        root.put("sha256", sha256);
        root.set("manifest", JsonOutput.parse(opened.manifestBytes()));
        ArrayNode signatures = root.putArray("signatures");
        for (PackageSignature signature : opened.signatures().signatures()) {
            ObjectNode node = signatures.addObject()
                    .put("keyId", signature.keyId())
                    .put("algorithm", signature.algorithm().id());
            trustStore.ifPresent(store -> node.put("status",
                    SignatureStatus.of(signature, opened.manifestBytes(), store).text()));
        }
        ArrayNode entryArray = root.putArray("entries");
        for (ArchiveEntry entry : entries) {
            entryArray.addObject()
                    .put("name", entry.name())
                    .put("size", entry.size())
                    .put("compressedSize", entry.compressedSize())
                    .put("method", entry.method());
        }
        JsonOutput.print(spec.commandLine().getOut(), root);
    }
}
