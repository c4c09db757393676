package org.suptools.cli.commands;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.suptools.cli.options.CommonOptions;
import org.suptools.cli.options.JsonOption;
import org.suptools.cli.output.JsonOutput;
import org.suptools.cli.output.Progress;
import org.suptools.cli.output.SignatureView;
import org.suptools.cli.packages.SigningKeys;
import org.suptools.model.archive.ArchiveOptions;
import org.suptools.model.packaging.BuildResult;
import org.suptools.model.packaging.PackageBuilder;
import org.suptools.model.problem.Problem;
import org.suptools.model.spec.LoadedSpec;
import org.suptools.model.spec.SpecFiles;
import org.suptools.model.validation.SpecException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code sup build SPEC_OR_DIR -o OUT.sup}: a byte-reproducible package, signed with each --key. */
@Command(name = "build",
        header = "Build a byte-reproducible package from a spec, optionally signed.",
        mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Build a package from a spec: validate it, hash the payload files, write the manifest, "
                + "sign it with each --key, and write the archive.",
            "The same spec, payloads, keys and timestamp give the same bytes. The timestamp is "
                + "--source-date-epoch, else the environment variable SOURCE_DATE_EPOCH, else 1980-01-01T00:00:00Z.",
            "A payload stored uncompressed and larger than 16 MiB also gets a chunk index, "
                + "payload/.sup-chunks/NAME.json, with the SHA-256 of each 16 MiB, so that it can be verified on every "
                + "core (docs/format.md, section 2a).",
            "OUT is written completely or not at all; it must not be the spec or a payload file."},
        footer = {"%nExamples:", "  sup build my-package -o my-package.sup --key keys/release.key",
            "  sup build my-package/sup.yaml -o my-package.sup --source-date-epoch 1767225600 --digest"})
public final class BuildCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private CommonOptions common;

    @Mixin
    private JsonOption json;

    @Parameters(paramLabel = "SPEC_OR_DIR", description = "The spec (sup.yaml) or the directory holding it.")
    private Path input;

    @Option(names = {"-o", "--out"}, required = true, paramLabel = "OUT.sup", description = "The package to write.")
    private Path out;

    @Option(names = {"-k", "--key"}, paramLabel = "KEY",
            description = "A private key file (PEM) to sign with; repeat for several signatures.")
    private List<Path> keyFiles = List.of();

    @Option(names = "--source-date-epoch", paramLabel = "SECONDS",
            description = "The timestamp of the package (creation time and entry times), in seconds since 1970; "
                    + "overrides SOURCE_DATE_EPOCH.")
    private String sourceDateEpoch;

    @Option(names = "--digest",
            description = "Also print the SHA-256 of the package (one more read of it; --json always includes it).")
    private boolean digest;

    @Option(names = "--no-chunk-index",
            description = "Give no payload a chunk index: a quicker build on a machine with two cores or fewer, "
                    + "and a package verified on one core.")
    private boolean noChunkIndex;

    @Override
    public Integer call() throws IOException, SpecException {
        Inputs.existing(input);
        ArchiveOptions options = archiveOptions();
        LoadedSpec loaded = loadValid();
        OutputPaths.checkBuildOutput(spec.commandLine(), out, loaded);
        List<PrivateKey> keys = SigningKeys.read(keyFiles);
        Path parent = out.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        BuildResult result;
        try (Progress progress = Progress.on(spec.commandLine().getErr(), "building", common.quiet() || json.enabled())) {
            PackageBuilder builder = new PackageBuilder(options, progress::progress);
            builder = noChunkIndex ? builder.withoutChunkIndexes() : builder;
            result = (digest || json.enabled() ? builder : builder.withoutDigest()).build(loaded, out, keys);
        }
        print(result);
        return 0;
    }

    private ArchiveOptions archiveOptions() {
        try {
            return sourceDateEpoch == null
                    ? ArchiveOptions.fromEnvironment()
                    : ArchiveOptions.fromEnvironment(Map.of(ArchiveOptions.SOURCE_DATE_EPOCH, sourceDateEpoch));
        } catch (IllegalArgumentException e) {
            String option = sourceDateEpoch == null ? "environment variable " : "--source-date-epoch: ";
            throw new ParameterException(spec.commandLine(), option + e.getMessage());
        }
    }

    /** Errors stop the build (all of them reported); warnings are shown and the build goes on. */
    private LoadedSpec loadValid() throws SpecException {
        LoadedSpec loaded = SpecFiles.load(input);
        List<Problem> problems = SpecFiles.check(loaded, Instant.now());
        if (problems.stream().anyMatch(Problem::isError)) {
            throw new SpecException(loaded.specFile(), problems);
        }
        if (!common.quiet()) {
            PrintWriter err = spec.commandLine().getErr();
            problems.forEach(problem -> err.println("sup: " + loaded.specFile() + ": " + problem));
            err.flush();
        }
        return loaded;
    }

    private void print(BuildResult result) {
        PrintWriter output = spec.commandLine().getOut();
        if (json.enabled()) {
            ObjectNode root = JsonOutput.object();
            root.put("file", result.file().toString());
            root.put("size", result.size());
            root.put("sha256", result.sha256().orElseThrow());
            root.put("name", result.manifest().name());
            root.put("version", result.manifest().version().toString());
            root.set("signatures", SignatureView.json(result.signatures()));
            JsonOutput.print(output, root);
            return;
        }
        if (common.quiet()) {
            return;
        }
        output.println("Built " + result.file() + ": " + result.manifest().name() + " " + result.manifest().version());
        output.println("  size    " + result.size() + " bytes");
        result.sha256().ifPresent(sha256 -> output.println("  sha256  " + sha256));
        output.println("  signed  " + SignatureView.summary(result.signatures()));
        output.flush();
    }
}
