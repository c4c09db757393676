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
import picocli.CommandLine.Spec;

/** {@code sup demo}: the end-to-end demo on the sample package, installed on a sandbox gateway by bin/sup-installer. */
@Command(name = "demo",
        header = "The end-to-end demo: build, sign, verify and install the sample package on a sandbox gateway.",
        mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Walk through the whole toolchain on the sample package sample-packages/packages/runtime-config: "
                + "make a throwaway Ed25519 key, build and sign the package, verify it against the key, show what "
                + "is in it; then create a sandbox gateway with bin/sup-sandbox (DIR/gateway, the sample runtime "
                + "running) trusting the key, install the package on it with bin/sup-installer, and summarize: each "
                + "action with its status and time, the audit log lines, the TR50 reply, and where the files are.",
            "The sandbox runtime is left running at the end, so you can look at it and install more packages on "
                + "it; the summary says how to stop it. --stop stops it instead.",
            "The installer is run as a separate process: bin/sup-installer of the source tree (or the launcher "
                + "named by the system property " + DemoInstaller.PROPERTY + "), the sandbox by sup-sandbox beside "
                + "it. Without the installer (sup not run from a source tree) the demo stops after the packaging "
                + "half, with exit code 0.",
            "Re-running stops and replaces the sandbox and the files of the previous run in the work directory.",
            "Exit codes: 0 done; those below when a packaging step fails; when creating the sandbox or the install "
                + "fails, the sandbox's or the installer's own (1 failed and rolled back, 2 usage, 3 refused, "
                + "4 rollback incomplete, 5 busy)."},
        footer = {"%nExamples:", "  bin/sup demo", "  bin/sup demo --dir /tmp/sup-demo --stop"})
public final class DemoCommand implements Callable<Integer> {

    static final String SAMPLE = "sample-packages/packages/runtime-config";
    static final String KEY_NAME = "demo";

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

    @Option(names = "--stop", description = "Stop the sandbox runtime at the end (default: leave it running).")
    private boolean stop;

    @Option(names = "--campaign", description = "Tell the campaign story instead of one install: the portal emulator "
            + "on its embedded broker, three sandbox gateways each with its agent (the third of a product the package "
            + "does not target), the package uploaded to Developer Files, one gateway.sup.update campaign over the "
            + "three, and its member records (two success, one failure).")
    private boolean campaign;

    @Override
    public Integer call() throws IOException, SpecException, InvalidPackageException {
        long startedAt = System.nanoTime();
        Optional<Path> home = SupHome.find();
        Path specPath = sample != null ? sample : home.map(h -> h.resolve(SAMPLE)).orElseThrow(() ->
                new NoSuchFileException(SAMPLE, null, "the sample package is not found: run sup from the source "
                        + "tree (bin/sup), set SUP_HOME to it, or pass --sample"));
        Inputs.existing(specPath);
        specPath = shown(specPath);
        Path work = shown(dir != null ? dir : home.isPresent() ? home.get().resolve("target/demo")
                : Files.createTempDirectory("sup-demo"));
        Files.createDirectories(work.resolve("keys"));
        PrintWriter out = spec.commandLine().getOut();
        out.println("sup demo: build, sign, verify and install the sample package on a sandbox gateway");
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
            out.println("Note: run bin/sup demo in a clone of the SUP sources to install the package on a sandbox "
                    + "gateway too.");
        } else if (campaign) {
            exitCode = campaign(out, installer.get(), packageFile, keys.publicKeyFile());
        } else {
            exitCode = installer.get().demo(out, packageFile, keys.publicKeyFile(), stop);
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
