package org.suptools.cli.commands;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.suptools.cli.ExitCodes;
import org.suptools.cli.options.CommonOptions;
import org.suptools.cli.options.JsonOption;
import org.suptools.cli.output.PlanView;
import org.suptools.cli.output.Progress;
import org.suptools.cli.packages.Refusals;
import org.suptools.model.InvalidPackageException;
import org.suptools.model.gateway.ConfigException;
import org.suptools.model.gateway.GatewayConfigFile;
import org.suptools.model.gateway.GatewayPlan;
import org.suptools.model.gateway.GatewayProfile;
import org.suptools.model.manifest.PackageName;
import org.suptools.model.packaging.PackageVerifier;
import org.suptools.model.packaging.VerifiedPackage;
import org.suptools.model.packaging.VerifyOptions;
import org.suptools.model.signing.TrustStore;
import org.suptools.model.spec.LoadedSpec;
import org.suptools.model.spec.SpecFiles;
import org.suptools.model.validation.SpecException;
import org.suptools.model.version.SemVer;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code sup plan PATH --gateway gateway.yaml}: what a package would do on a gateway, without the gateway. */
@Command(name = "plan",
        header = "Show what a package would do on a gateway, without the gateway.",
        mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Hold a package, or a spec before it is built, against a gateway's profile (product, OS, "
                + "architecture, runtime version, installed packages): whether the package applies (which target "
                + "matches, or why none does; whether each requirement is installed), then every action in order, "
                + "run or skipped by its 'when' condition, with its type, what it would do, its payloads and their "
                + "sizes, what it does to the runtime, its timeout and its error policy.",
            "The profile comes from the identity section of an installer gateway config (--gateway), or from "
                + "--product, --os, --arch and --runtime-version.",
            "For a .sup: the full integrity check first (structure, payload sizes and hashes, expiry); signatures "
                + "only with --trust. Paths and free space depend on the gateway's files: 'sup-installer install "
                + "--dry-run' checks them there.",
            "Exit 0 when the package applies to the gateway, 1 when it does not or the spec or package is invalid; "
                + "with --quiet, one line on stderr says why it does not apply."},
        footer = {"%nExamples:", "  sup plan dist/app.sup --gateway fleet/edge-gateway.yaml --trust keys/release.pub",
            "  sup plan packages/app --product dw-gateway --os linux --arch x86_64 --runtime-version 1.4.0 --json"})
public final class PlanCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private CommonOptions common;

    @Mixin
    private JsonOption json;

    @Parameters(paramLabel = "PATH", description = "A .sup package, a spec file, or a directory with sup.yaml.")
    private Path path;

    // The group makes a section of the help; profile() checks it, with plainer messages than picocli's.
    @ArgGroup(validate = false,
            heading = "%nThe gateway: --gateway, or all four of --product, --os, --arch and --runtime-version%n")
    private Gateway gateway = new Gateway();

    /** Either the installer's config file, or the four identity fields on the command line. */
    static final class Gateway {
        @Option(names = "--gateway", paramLabel = "GATEWAY_CONFIG",
                description = "An installer gateway config (YAML, or JSON when named *.json); only its identity "
                        + "section (product, os, architecture, runtimeVersion) is read.")
        Path file;

        @ArgGroup(exclusive = false, validate = false)
        Identity identity = new Identity();
    }

    /** The identity fields, named as in the gateway config's identity section. */
    static final class Identity {
        @Option(names = "--product", paramLabel = "PRODUCT",
                description = "The gateway's product, as package targets name it, such as dw-gateway.")
        String product;

        @Option(names = "--os", paramLabel = "OS",
                description = "The gateway's operating system, such as linux.")
        String os;

        @Option(names = "--arch", paramLabel = "ARCH",
                description = "The gateway's architecture, such as x86_64 or aarch64.")
        String architecture;

        @Option(names = "--runtime-version", paramLabel = "VERSION",
                description = "The version of the runtime installed on the gateway, a SemVer such as 5.1.0.")
        String runtimeVersion;

        /** Each option with its value, null when it was not given. */
        Map<String, String> byOption() {
            Map<String, String> values = new LinkedHashMap<>();
            values.put("--product", product);
            values.put("--os", os);
            values.put("--arch", architecture);
            values.put("--runtime-version", runtimeVersion);
            return values;
        }
    }

    @Option(names = "--installed", paramLabel = "NAME=VERSION",
            description = "A package installed on the gateway, such as acme-base=1.2.0, held against the "
                    + "package's requirements; repeat for each. Default: none.")
    private Map<String, String> installed = new LinkedHashMap<>();

    @Option(names = "--trust", paramLabel = "DIR_OR_KEY",
            description = "For a .sup: also require a signature by one of these public keys (a .pub file, or a "
                    + "directory of them).")
    private Path trust;

    @Override
    public Integer call() throws IOException, InvalidPackageException, SpecException, ConfigException {
        GatewayProfile profile = profile();
        Map<String, SemVer> installedVersions = installedVersions();
        Inputs.existing(path);
        boolean isPackage = Inputs.isPackage(path);
        if (trust != null && !isPackage) {
            throw new ParameterException(spec.commandLine(), "--trust: only for a .sup package, not a spec");
        }
        PlanView view = isPackage ? planPackage(profile, installedVersions) : planSpec(profile, installedVersions);
        if (json.enabled()) {
            view.printJson(spec.commandLine().getOut());
        } else if (!common.quiet()) {
            view.printText(spec.commandLine().getOut());
        } else if (!view.plan().applies()) {
            // Quiet, as in a pipeline's loop over gateway profiles: the exit code alone would not say why.
            spec.commandLine().getErr().println("sup: " + view.file() + ": does not apply: "
                    + view.plan().applicability().refusal());
        }
        return view.plan().applies() ? ExitCodes.OK : ExitCodes.INVALID;
    }

    private PlanView planPackage(GatewayProfile profile, Map<String, SemVer> installedVersions)
            throws IOException, InvalidPackageException {
        VerifiedPackage verified = verify();
        Optional<List<String>> trustedSigners = trust == null ? Optional.empty() : Optional.of(verified.trustedSigners());
        return new PlanView(path, true, trustedSigners, installedVersions,
                GatewayPlan.of(verified.manifest(), profile, installedVersions));
    }

    private PlanView planSpec(GatewayProfile profile, Map<String, SemVer> installedVersions) throws SpecException {
        LoadedSpec loaded = SpecFiles.loadValid(path, Instant.now());
        return new PlanView(loaded.specFile(), false, Optional.empty(), installedVersions,
                GatewayPlan.of(loaded, profile, installedVersions));
    }

    private GatewayProfile profile() throws ConfigException {
        Identity identity = gateway.identity == null ? new Identity() : gateway.identity;
        Map<String, String> options = identity.byOption();
        List<String> given = options.keySet().stream().filter(option -> options.get(option) != null).toList();
        if (gateway.file != null) {
            if (!given.isEmpty()) {
                throw new ParameterException(spec.commandLine(), "--gateway: cannot be combined with "
                        + String.join(", ", given) + " (the identity comes from the file)");
            }
            return GatewayConfigFile.readProfile(gateway.file);
        }
        List<String> missing = options.keySet().stream().filter(option -> options.get(option) == null).toList();
        if (!missing.isEmpty()) {
            throw new ParameterException(spec.commandLine(), "no gateway: give --gateway GATEWAY_CONFIG, or all four of "
                    + "--product, --os, --arch and --runtime-version"
                    + (given.isEmpty() ? "" : " (missing: " + String.join(", ", missing) + ")"));
        }
        return new GatewayProfile(text("--product", identity.product), text("--os", identity.os),
                text("--arch", identity.architecture), semVer("--runtime-version", identity.runtimeVersion));
    }

    private String text(String option, String value) {
        if (value.isBlank()) {
            throw new ParameterException(spec.commandLine(), option + ": must not be empty");
        }
        return value;
    }

    private Map<String, SemVer> installedVersions() {
        Map<String, SemVer> versions = new TreeMap<>();
        installed.forEach((name, version) -> {
            try {
                PackageName.check(name);
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), "--installed " + e.getMessage());
            }
            versions.put(name, semVer("--installed " + name, version));
        });
        return versions;
    }

    private SemVer semVer(String option, String text) {
        try {
            return SemVer.parse(text);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), option + ": " + e.getMessage());
        }
    }

    private VerifiedPackage verify() throws IOException, InvalidPackageException {
        Instant now = Instant.now();
        VerifyOptions options = trust == null ? VerifyOptions.integrityOnly(now)
                : VerifyOptions.trusting(TrustStore.load(trust), now);
        try (Progress progress = Progress.on(spec.commandLine().getErr(), "verifying", common.quiet() || json.enabled())) {
            return new PackageVerifier(options).verify(path, progress::progress);
        } catch (InvalidPackageException e) {
            throw Refusals.naming(path, e);
        }
    }
}
