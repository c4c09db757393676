package org.suptools.cli.commands;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.Callable;
import org.suptools.cli.ExitCodes;
import org.suptools.cli.options.CommonOptions;
import org.suptools.cli.options.JsonOption;
import org.suptools.cli.output.JsonOutput;
import org.suptools.cli.output.Progress;
import org.suptools.cli.output.SignatureView;
import org.suptools.cli.packages.Refusals;
import org.suptools.model.InvalidPackageException;
import org.suptools.model.manifest.Manifest;
import org.suptools.model.packaging.PackageVerifier;
import org.suptools.model.packaging.VerifiedPackage;
import org.suptools.model.packaging.VerifyOptions;
import org.suptools.model.signing.TrustStore;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code sup verify IN.sup --trust DIR_OR_KEY}: the full check; exit 0 only if valid and trusted. */
@Command(name = "verify",
        header = "The full check of a package: exit 0 only if valid, trusted and not expired.",
        mixinStandardHelpOptions = true, sortOptions = false,
        description = {"The full check of a package, as a gateway makes it: structure, manifest, signatures "
                + "against the trusted keys, expiry, and every payload's size and SHA-256 (a payload with a chunk "
                + "index by the SHA-256 of each chunk, on every core).",
            "Exit 0 only if the package is intact, signed by at least --threshold trusted keys, and not expired."},
        footer = {"%nExamples:", "  sup verify my-package.sup --trust keys/release.pub",
            "  sup verify my-package.sup --trust keys/ --threshold 2 --at 2030-01-01T00:00:00Z"})
public final class VerifyCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private CommonOptions common;

    @Mixin
    private JsonOption json;

    @Parameters(paramLabel = "IN.sup", description = "The package to verify.")
    private Path in;

    @ArgGroup(multiplicity = "1")
    private Trust trust;

    /** Exactly one of the two: trusting nobody must be asked for, never the default. */
    static final class Trust {
        @Option(names = "--trust", paramLabel = "DIR_OR_KEY",
                description = "The trusted public keys: a .pub file, or a directory of .pub/.pem files.")
        Path keys;

        @Option(names = "--no-trust", description = "Check integrity only: signatures are listed but not checked; "
                + "an unsigned package passes.")
        boolean none;
    }

    @Option(names = "--threshold", paramLabel = "N", defaultValue = "1",
            description = "How many distinct trusted keys must have signed (default: ${DEFAULT-VALUE}).")
    private int threshold;

    @Option(names = "--at", paramLabel = "INSTANT",
            description = "Judge expiry at this ISO-8601 instant (e.g. 2030-01-01T00:00:00Z) instead of now.")
    private Instant at;

    @Override
    public Integer call() throws IOException, InvalidPackageException {
        VerifyOptions options = options();
        Inputs.existing(in);
        VerifiedPackage verified;
        try (Progress progress = Progress.on(spec.commandLine().getErr(), "verifying", common.quiet() || json.enabled())) {
            verified = new PackageVerifier(options).verify(in, progress::progress);
        } catch (InvalidPackageException e) {
            InvalidPackageException named = Refusals.naming(in, e);
            if (json.enabled()) {
                printRefusal(named);
            }
            throw named;
        }
        print(verified);
        return ExitCodes.OK;
    }

    private VerifyOptions options() throws IOException {
        if (threshold < 1) {
            throw new ParameterException(spec.commandLine(), "--threshold: must be at least 1, was " + threshold);
        }
        Instant now = at == null ? Instant.now() : at;
        if (trust.none) {
            if (threshold != 1) {
                throw new ParameterException(spec.commandLine(), "--threshold: needs --trust");
            }
            return VerifyOptions.integrityOnly(now);
        }
        return VerifyOptions.trusting(TrustStore.load(trust.keys), now).withThreshold(threshold);
    }

    private void print(VerifiedPackage verified) {
        PrintWriter out = spec.commandLine().getOut();
        Manifest manifest = verified.manifest();
        if (json.enabled()) {
            ObjectNode root = JsonOutput.object();
            root.put("file", in.toString());
            root.put("valid", true);
            root.put("name", manifest.name());
            root.put("version", manifest.version().toString());
            root.put("trustChecked", !trust.none);
            root.set("trustedSigners", JsonOutput.array().addAll(
                    verified.trustedSigners().stream().map(JsonOutput::text).toList()));
            root.set("signatures", SignatureView.json(verified.signatures()));
            JsonOutput.print(out, root);
            return;
        }
        if (common.quiet()) {
            return;
        }
        String who = trust.none
                ? "integrity only, signatures not checked (--no-trust); signed " + SignatureView.summary(verified.signatures())
                : "signed by trusted key" + (verified.trustedSigners().size() == 1 ? " " : "s ")
                        + String.join(", ", verified.trustedSigners());
        out.println("OK " + in + ": " + manifest.name() + " " + manifest.version() + ", " + who);
        out.flush();
    }

    private void printRefusal(InvalidPackageException refusal) {
        ObjectNode root = JsonOutput.object();
        root.put("file", in.toString());
        root.put("valid", false);
        root.put("reason", refusal.reason().name());
        root.put("exitCode", ExitCodes.forReason(refusal.reason()));
        root.put("message", refusal.getMessage());
        JsonOutput.print(spec.commandLine().getOut(), root);
    }
}
