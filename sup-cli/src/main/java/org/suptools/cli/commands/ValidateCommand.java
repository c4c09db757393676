package org.suptools.cli.commands;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.suptools.cli.ExitCodes;
import org.suptools.cli.options.CommonOptions;
import org.suptools.cli.options.JsonOption;
import org.suptools.cli.output.JsonOutput;
import org.suptools.cli.output.Progress;
import org.suptools.cli.packages.Refusals;
import org.suptools.model.InvalidPackageException;
import org.suptools.model.archive.ArchiveLimits;
import org.suptools.model.packaging.PackageVerifier;
import org.suptools.model.packaging.VerifiedPackage;
import org.suptools.model.packaging.VerifyOptions;
import org.suptools.model.problem.Problem;
import org.suptools.model.signing.TrustStore;
import org.suptools.model.spec.LoadedSpec;
import org.suptools.model.spec.SpecFiles;
import org.suptools.model.validation.PackageValidator;
import org.suptools.model.validation.SpecException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code sup validate PATH}: every problem of a spec or package at once, each with its location. */
@Command(name = "validate",
        header = "List every problem of a spec or package, each with its location.",
        mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Check a spec (sup.yaml, or a directory holding one) or a package (.sup) and list every "
                + "problem, errors and warnings, each with its location.",
            "For a .sup: the full integrity check (structure, payload sizes and hashes; signatures only with "
                + "--trust), then the checks of the manifest. An expired package is a warning here; "
                + "'sup verify' refuses it.",
            "Exit 1 if there is any error."},
        footer = {"%nExamples:", "  sup validate my-package", "  sup validate my-package.sup --trust keys/release.pub"})
public final class ValidateCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private CommonOptions common;

    @Mixin
    private JsonOption json;

    @Parameters(paramLabel = "PATH", description = "A spec file, a directory with sup.yaml, or a .sup package.")
    private Path path;

    @Option(names = "--trust", paramLabel = "DIR_OR_KEY",
            description = "For a .sup: also require a signature by one of these public keys (a .pub file, or a "
                    + "directory of them).")
    private Path trust;

    @Override
    public Integer call() throws IOException {
        Inputs.existing(path);
        Outcome outcome = Inputs.isPackage(path) ? validatePackage() : validateSpec();
        if (json.enabled()) {
            printJson(outcome);
        } else {
            printText(outcome);
        }
        return outcome.exitCode();
    }

    /** What was checked, what was found, and the exit code it earns. */
    private record Outcome(Path file, List<Problem> problems, int exitCode) {

        boolean valid() {
            return problems.stream().noneMatch(Problem::isError);
        }
    }

    private Outcome validateSpec() {
        Instant now = Instant.now();
        try {
            LoadedSpec loaded = SpecFiles.load(path);
            List<Problem> problems = SpecFiles.check(loaded, now);
            return outcome(loaded.specFile(), problems);
        } catch (SpecException e) {
            return outcome(e.file(), e.problems());
        }
    }

    private Outcome validatePackage() throws IOException {
        Instant now = Instant.now();
        // Expiry is judged by PackageValidator below, as a warning: validate says whether the
        // package is well-formed; refusing an expired one is for verify and the installer.
        VerifyOptions options = new VerifyOptions(trust == null ? Optional.empty() : Optional.of(TrustStore.load(trust)),
                1, trust == null, Instant.MIN, ArchiveLimits.DEFAULTS);
        try (Progress progress = Progress.on(spec.commandLine().getErr(), "validating", common.quiet() || json.enabled())) {
            VerifiedPackage verified = new PackageVerifier(options).verify(path, progress::progress);
            return outcome(path, new PackageValidator(now).validate(verified.manifest()));
        } catch (InvalidPackageException e) {
            String message = Refusals.withoutFile(path, Refusals.naming(path, e).getMessage());
            return new Outcome(path, List.of(Problem.error("", message)), ExitCodes.forReason(e.reason()));
        }
    }

    private static Outcome outcome(Path file, List<Problem> problems) {
        boolean errors = problems.stream().anyMatch(Problem::isError);
        return new Outcome(file, problems, errors ? ExitCodes.INVALID : ExitCodes.OK);
    }

    private void printText(Outcome outcome) {
        PrintWriter out = spec.commandLine().getOut();
        for (Problem problem : outcome.problems()) {
            if (problem.isError() || !common.quiet()) {
                out.println(outcome.file() + ": " + severity(problem) + ": "
                        + (problem.location().isEmpty() ? "" : problem.location() + ": ") + problem.message());
            }
        }
        if (!common.quiet()) {
            out.println(outcome.file() + ": " + (outcome.valid() ? "valid" : "invalid") + summary(outcome.problems()));
        }
        out.flush();
    }

    private static String summary(List<Problem> problems) {
        long errors = problems.stream().filter(Problem::isError).count();
        long warnings = problems.size() - errors;
        List<String> parts = new ArrayList<>();
        if (errors > 0) {
            parts.add(count(errors, "error"));
        }
        if (warnings > 0) {
            parts.add(count(warnings, "warning"));
        }
        return parts.isEmpty() ? "" : " (" + String.join(", ", parts) + ")";
    }

    private static String count(long n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    private static String severity(Problem problem) {
        return problem.severity().name().toLowerCase(Locale.ROOT);
    }

    private void printJson(Outcome outcome) {
        ObjectNode root = JsonOutput.object();
        root.put("file", outcome.file().toString());
        root.put("valid", outcome.valid());
        ArrayNode problems = root.putArray("problems");
        for (Problem problem : outcome.problems()) {
            problems.addObject()
                    .put("severity", severity(problem))
                    .put("location", problem.location())
                    .put("message", problem.message());
        }
        JsonOutput.print(spec.commandLine().getOut(), root);
    }
}
