package org.suptools.cli.commands;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.suptools.cli.ExitCodes;
import org.suptools.cli.SupHome;
import org.suptools.cli.options.CommonOptions;
import org.suptools.cli.output.PackageView;
import org.suptools.cli.output.Progress;
import org.suptools.cli.packages.ArchiveEntry;
import org.suptools.cli.packages.OpenedPackage;
import org.suptools.model.InvalidPackageException;
import org.suptools.model.archive.ArchiveOptions;
import org.suptools.model.packaging.BuildResult;
import org.suptools.model.packaging.PackageBuilder;
import org.suptools.model.packaging.PackageVerifier;
import org.suptools.model.packaging.VerifiedPackage;
import org.suptools.model.packaging.VerifyOptions;
import org.suptools.model.signing.KeyAlgorithm;
import org.suptools.model.signing.KeyFiles;
import org.suptools.model.signing.KeyId;
import org.suptools.model.signing.KeyPairs;
import org.suptools.model.signing.TrustStore;
import org.suptools.model.spec.LoadedSpec;
import org.suptools.model.spec.SpecFiles;
import org.suptools.model.validation.SpecException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code sup demo}: the end-to-end demo on the sample package: by default a campaign of the portal
 * emulator over three sandbox gateways with their agents; with {@code --single-gateway} one install
 * by bin/sup-installer.
 */
@Command(name = "demo",
        header = "The end-to-end demo: build, sign and verify the sample package, then roll it out by a campaign to "
                + "three sandbox gateways.",
        mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Walk through the whole toolchain on the sample package sample-packages/packages/runtime-config: "
                + "make a throwaway Ed25519 key, build and sign the package, verify it against the key, show what "
                + "is in it. Then the campaign: start the portal emulator (bin/sup-portal, on its embedded MQTT "
                + "broker, data in DIR/campaign/portal), create three sandbox gateways with bin/sup-sandbox "
                + "(DIR/campaign/gw-1, gw-2 and gw-3, the sample runtime running, trusting the key; gw-3 is of a "
                + "product the package does not target), start a gateway agent on each (bin/sup-agent), upload the "
                + "package to Developer Files, and run one gateway.sup.update campaign over the three. Each agent "
                + "downloads the package, runs bin/sup-installer on it and acks; the demo shows the member records "
                + "(two success, one failure with the installer's error code and message) and where each "
                + "gateway's confirmation.json and audit log are.",
            "With --single-gateway, the shorter demo instead: one sandbox gateway (DIR/gateway), the package "
                + "installed on it by bin/sup-installer directly, and each action with its status and time, the "
                + "audit log lines and the TR50 reply.",
            "The portal, the agents and the sandbox runtimes are left running at the end, so you can look at "
                + "them; the summary says how. --stop stops them at the end instead; --stop-only stops what an "
                + "earlier run left running, and runs nothing.",
            "Every tool runs as a separate process: bin/sup-installer of the source tree (or the launcher "
                + "named by the system property " + DemoInstaller.PROPERTY + "), and sup-sandbox, sup-portal and "
                + "sup-agent beside it. Without the installer (sup not run from a source tree) the demo stops after "
                + "the packaging half, with exit code 0.",
            "Re-running stops and replaces the processes and the files of the previous run in the work directory.",
            "Exit codes: 0 done; those below when a packaging step fails; 1 when the campaign did not complete; "
                + "when creating a sandbox, a portal command or (with --single-gateway) the install fails, its own "
                + "(1 failed and rolled back, 2 usage, 3 refused, 4 rollback incomplete, 5 busy)."},
        footer = {"%nExamples:", "  bin/sup demo", "  bin/sup demo --dir /tmp/sup-demo --stop",
            "  bin/sup demo --single-gateway", "  bin/sup demo --stop-only"})
public final class DemoCommand implements Callable<Integer> {

    static final String SAMPLE = "sample-packages/packages/runtime-config";
    static final String KEY_NAME = "demo";
    /** The work directory in the source tree, unless --dir says otherwise. */
    static final String DEFAULT_DIR = "target/demo";

    @Spec
    private CommandSpec spec;

    @Mixin
    private CommonOptions common;

    @Option(names = "--dir", paramLabel = "DIR",
            description = "The work directory (default: target/demo in the source tree, else a new temporary directory).")
    private Path dir;

    @Option(names = "--sample", paramLabel = "SPEC_OR_DIR",
            description = "The package to build (default: " + SAMPLE + " in the source tree).")
    private Path sample;

    @Option(names = "--stop", description = "Stop what the demo started at the end: the agents, the portal emulator "
            + "and the sandbox runtimes (default: leave them running).")
    private boolean stop;

    @Option(names = "--stop-only", description = "Only stop what an earlier run left running in the work directory "
            + "(the agents, the portal emulator, the sandbox runtimes); build and run nothing.")
    private boolean stopOnly;

    @Option(names = "--single-gateway", description = "The shorter demo: install the package on one sandbox gateway "
            + "with bin/sup-installer directly, no portal, no agent.")
    private boolean singleGateway;

    @Override
    public Integer call() throws IOException, SpecException, InvalidPackageException {
        long startedAt = System.nanoTime();
        Optional<Path> home = SupHome.find();
        PrintWriter out = spec.commandLine().getOut();
        if (stopOnly) {
            return stopLeftRunning(out, home);
        }
        Path specPath = sample != null ? sample : home.map(h -> h.resolve(SAMPLE)).orElseThrow(() ->
                new NoSuchFileException(SAMPLE, null, "the sample package is not found: run sup from the source "
                        + "tree (bin/sup), set SUP_HOME to it, or pass --sample"));
        Inputs.existing(specPath);
        specPath = shown(specPath);
        Path work = shown(dir != null ? dir : home.isPresent() ? home.get().resolve(DEFAULT_DIR)
                : Files.createTempDirectory("sup-demo"));
        Files.createDirectories(work.resolve("keys"));
        out.println(singleGateway ? "sup demo: build, sign, verify and install the sample package on a sandbox gateway"
                : "sup demo: build, sign and verify the sample package, then roll it out by a campaign to three "
                        + "sandbox gateways");
        out.println("work directory: " + work);
        out.println();

        Path keyBase = work.resolve("keys").resolve(KEY_NAME);
        KeyPair pair = KeyPairs.generate(KeyAlgorithm.ED25519);
        KeyFiles.Written keys = replaceKeyFiles(keyBase, pair);
        out.println("1. key pair (ed25519, throwaway), key id " + KeyId.of(pair.getPublic()));
        out.println("     private " + keys.privateKeyFile());
        out.println("     public  " + keys.publicKeyFile());

        LoadedSpec loaded = SpecFiles.loadValid(specPath, Instant.now());
        Path packageFile = work.resolve(loaded.spec().name() + "-" + loaded.spec().version() + ".sup");
        BuildResult built;
        try (Progress progress = Progress.on(spec.commandLine().getErr(), "building", common.quiet())) {
            built = new PackageBuilder(ArchiveOptions.fromEnvironment(), progress::progress).build(loaded, packageFile,
                    List.of(pair.getPrivate()));
        }
        out.println("2. built and signed " + built.file() + " from " + loaded.specFile());
        out.println("     " + built.size() + " bytes, sha256 " + built.sha256().orElseThrow());

        TrustStore trust = TrustStore.load(keys.publicKeyFile());
        VerifiedPackage verified;
        try (Progress progress = Progress.on(spec.commandLine().getErr(), "verifying", common.quiet())) {
            verified = new PackageVerifier(VerifyOptions.trusting(trust, Instant.now())).verify(packageFile,
                    progress::progress);
        }
        out.println("3. verified against " + keys.publicKeyFile() + ": OK, signed by trusted key "
                + String.join(", ", verified.trustedSigners()));
        out.println();
        out.println("What is in the package (sup inspect):");
        out.println();
        new PackageView(out).print(OpenedPackage.read(packageFile), ArchiveEntry.list(packageFile), built.size(),
                built.sha256().orElseThrow(), Optional.of(trust));
        out.println();
        out.flush();
        Optional<DemoInstaller> installer = DemoInstaller.find(work);
        int exitCode = 0;
        if (installer.isEmpty()) {
            out.println("The installer half is skipped: the installer launcher "
                    + DemoInstaller.expectedLauncher().map(p -> p + " is not there").orElse(
                            "bin/sup-installer is not found (sup does not run from a source tree)")
                    + ".");
            out.println("Note: run bin/sup demo in a clone of the SUP sources to roll the package out to sandbox "
                    + "gateways too.");
        } else if (singleGateway) {
            exitCode = installer.get().demo(out, packageFile, keys.publicKeyFile(), stop);
        } else {
            exitCode = campaign(out, installer.get(), packageFile, keys.publicKeyFile());
        }
        out.println();
        // As the user can type it: bin/sup in the source tree, where sup is not on the PATH.
        String sup = home.map(h -> shown(h.resolve("bin/sup")).toString()).orElse("sup");
        out.println("Try next:");
        out.println("  " + sup + " inspect " + packageFile + " --json");
        out.println("  " + sup + " verify " + packageFile + " --trust " + keys.publicKeyFile());
        out.println("  " + sup + " extract " + packageFile + " -d " + work.resolve("extracted"));
        out.printf("%nThe demo took %.1f s.%n", (System.nanoTime() - startedAt) / 1e9);
        out.flush();
        return exitCode;
    }

    /**
     * {@code --stop-only}: stops what runs of the demo left running in the work directory, both
     * stories', and nothing else. Without the installer no run started anything.
     */
    private int stopLeftRunning(PrintWriter out, Optional<Path> home) throws IOException {
        if (stop || singleGateway || sample != null) {
            throw new ParameterException(spec.commandLine(), "--stop-only: runs nothing, so it takes only --dir");
        }
        Path work = shown(dir != null ? dir : home.map(h -> h.resolve(DEFAULT_DIR)).orElseThrow(() ->
                new ParameterException(spec.commandLine(), "--stop-only: which work directory? Pass --dir (sup does "
                        + "not run from a source tree, so there is no default one)")));
        Optional<DemoInstaller> installer = DemoInstaller.find(work);
        int stopped = 0;
        if (installer.isPresent()) {
            stopped += installer.get().stopLeftRunning() ? 1 : 0;
            stopped += new DemoCampaign(installer.get().launcher().getParent(), work).stopAll();
        }
        out.println(stopped == 0 ? "Nothing of the demo was running in " + work + "."
                : "Stopped " + stopped + " process" + (stopped == 1 ? "" : "es") + " the demo left running in " + work
                        + ".");
        out.flush();
        return ExitCodes.OK;
    }

    /** The campaign story, with the launchers beside the installer's; a missing one is named (exit 2). */
    private int campaign(PrintWriter out, DemoInstaller installer, Path packageFile, Path publicKey)
            throws IOException {
        DemoCampaign story = new DemoCampaign(installer.launcher().getParent(), installer.work());
        List<Path> missing = story.missingLaunchers();
        if (!missing.isEmpty()) {
            out.println("The campaign cannot run: " + missing.stream().map(Path::toString)
                    .collect(Collectors.joining(", ")) + " missing, beside the installer's");
            out.flush();
            return 2;
        }
        return story.demo(out, packageFile, publicKey, stop);
    }

    /** Paths below the current directory are shown relative to it: shorter, and ready to paste. */
    static Path shown(Path path) {
        Path here = Path.of("").toAbsolutePath();
        Path absolute = path.toAbsolutePath().normalize();
        return absolute.startsWith(here) && !absolute.equals(here) ? here.relativize(absolute) : absolute;
    }

    /** The demo's own key files from an earlier run are replaced; keygen itself never overwrites. */
    private static KeyFiles.Written replaceKeyFiles(Path base, KeyPair pair) throws IOException {
        Files.deleteIfExists(base.resolveSibling(base.getFileName() + KeyFiles.PRIVATE_SUFFIX));
        Files.deleteIfExists(base.resolveSibling(base.getFileName() + KeyFiles.PUBLIC_SUFFIX));
        return KeyFiles.write(base, pair);
    }
}
