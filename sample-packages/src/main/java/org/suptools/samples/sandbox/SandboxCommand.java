package org.suptools.samples.sandbox;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.suptools.model.action.Timeout;
import org.suptools.model.signing.PemKeys;
import org.suptools.model.version.SemVer;
import org.suptools.samples.runtime.RuntimeHomeLayout;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code sup-sandbox DIR [--trust PUBLIC_KEY]...}: a gateway to try packages on, on a workstation
 * or in tests: the sample runtime installed in {@code DIR/dwcore} and started, a trust store
 * holding the given keys (none: unsigned packages allowed), and {@code DIR/gateway.yaml}.
 * Everything the command line gives is checked before anything is written.
 */
@Command(name = "sup-sandbox", mixinStandardHelpOptions = true, sortOptions = false,
        versionProvider = SandboxCommand.Version.class,
        header = "Create a sandbox gateway to try packages on.",
        description = {"Creates a ready sandbox gateway in DIR: DIR/gateway.yaml, a runtime home DIR/dwcore with "
                + "the sample runtime installed and running, logs, state and a trust store with the given keys.",
            "It prints the config path and the commands that stop and start the runtime. Install packages on it "
                + "with sup-installer install FILE.sup --config DIR/gateway.yaml."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:created", "1:failed: a key file is unreadable, a file cannot be written, or the runtime "
                + "did not start healthy (it is stopped again)",
            "2:usage: bad command line (such as a --health-wait or --runtime-version that is not one, or two "
                + "--trust keys of one file name), or DIR already holds a sandbox; nothing was written"},
        footer = {"%nExamples:", "  sup-sandbox /tmp/gw --trust keys/release.pub",
            "  sup-installer install my-package.sup --config /tmp/gw/gateway.yaml",
            "  sup-sandbox /tmp/edge --trust keys/release.pub --product dw-edge --no-start"})
final class SandboxCommand implements Callable<Integer> {

    static final int CREATED = 0;
    static final int FAILED = 1;
    static final int USAGE = 2;
    static final String CONFIG = "gateway.yaml";

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DIR", description = "Where to create the sandbox (must not hold one yet).")
    Path dir;

    @Option(names = "--trust", paramLabel = "PUBLIC_KEY",
            description = "A PEM public key packages may be signed with (repeatable). None: unsigned packages are allowed.")
    List<Path> trust = new ArrayList<>();

    @Option(names = "--runtime-version", paramLabel = "VERSION", defaultValue = "1.0.0",
            description = "The version of the sample runtime installed (default: ${DEFAULT-VALUE}).")
    String runtimeVersion;

    @Option(names = "--product", paramLabel = "PRODUCT", defaultValue = "dw-gateway",
            description = "The gateway's product (default: ${DEFAULT-VALUE}).")
    String product;

    @Option(names = "--os", paramLabel = "OS", defaultValue = "linux",
            description = "The gateway's OS (default: ${DEFAULT-VALUE}).")
    String os;

    @Option(names = "--architecture", paramLabel = "ARCH",
            description = "The gateway's architecture (default: this machine's, e.g. x86_64).")
    String architecture;

    @Option(names = "--thing-key", paramLabel = "THING_KEY", defaultValue = "sandbox-gateway",
            description = "The gateway's thing key (default: ${DEFAULT-VALUE}).")
    String thingKey;

    @Option(names = "--health-wait", paramLabel = "DURATION", defaultValue = "60s",
            description = "How long a started runtime may take to report healthy (default: ${DEFAULT-VALUE}).")
    String healthWait;

    @Option(names = "--no-start", description = "Leave the runtime stopped.")
    boolean noStart;

    private final RuntimeStarter starter = new RuntimeStarter();

    @Override
    public Integer call() throws Exception {
        Path root = dir.toAbsolutePath().normalize();
        Path configFile = root.resolve(CONFIG);
        if (Files.exists(configFile)) {
            throw new SandboxException(USAGE, configFile + " already exists; choose an empty directory");
        }
        Duration wait = checkedWait();
        checkIdentity();
        Map<String, Path> trustStore = trustStore();
        Files.createDirectories(root);
        Path home = RuntimeHomeLayout.create(root.resolve(SandboxGateway.HOME), runtimeVersion);
        if (!trustStore.isEmpty()) {
            Path store = Files.createDirectories(root.resolve(SandboxGateway.TRUST));
            for (Map.Entry<String, Path> key : trustStore.entrySet()) {
                Files.copy(key.getValue(), store.resolve(key.getKey()));
            }
        }
        SandboxGateway gateway = new SandboxGateway(home, !trust.isEmpty(), product, os,
                architecture == null ? machineArchitecture() : architecture, runtimeVersion, thingKey, healthWait.strip());
        Files.writeString(configFile, gateway.yaml(), StandardCharsets.UTF_8);
        if (!noStart) {
            starter.start(home, wait);
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println("sandbox gateway: " + configFile);
        out.println("runtime home:    " + home + " (sample runtime " + runtimeVersion + ", "
                + (noStart ? "stopped" : "running") + ")");
        out.println("install:         sup-installer install FILE.sup --config " + configFile);
        out.println("stop runtime:    " + String.join(" ", RuntimeHomeLayout.command(home, "stop")));
        out.println("start runtime:   " + String.join(" ", RuntimeHomeLayout.command(home, "start")));
        out.flush();
        return CREATED;
    }

    /**
     * The trust store's files by name ({@code release.pub}; a key file whose name does not end in
     * {@code .pub} gets it added), each checked to be a usable public key. Two keys may not take
     * the same name.
     */
    private Map<String, Path> trustStore() throws IOException, SandboxException {
        Map<String, Path> store = new LinkedHashMap<>();
        for (Path key : trust) {
            PemKeys.readPublicKey(key);
            String name = key.getFileName().toString();
            String stored = name.endsWith(".pub") ? name : name + ".pub";
            Path other = store.putIfAbsent(stored, key);
            if (other != null) {
                throw new SandboxException(USAGE, "--trust: " + other + " and " + key + " would both be the trust store's "
                        + stored + "; rename one");
            }
        }
        return store;
    }

    /** The health wait, read as the installer reads the config's durations. */
    private Duration checkedWait() throws SandboxException {
        try {
            return Timeout.parse(healthWait).duration();
        } catch (IllegalArgumentException e) {
            throw new SandboxException(USAGE, "--health-wait: " + e.getMessage(), e);
        }
    }

    /** What the installer would refuse in the config it writes is refused here, before anything is written. */
    private void checkIdentity() throws SandboxException {
        try {
            SemVer.parse(runtimeVersion);
        } catch (IllegalArgumentException e) {
            throw new SandboxException(USAGE, "--runtime-version: " + e.getMessage(), e);
        }
        String[][] named = {{"--product", product}, {"--os", os}, {"--architecture", architecture},
            {"--thing-key", thingKey}};
        for (String[] option : named) {
            if (option[1] != null && option[1].isBlank()) {
                throw new SandboxException(USAGE, option[0] + ": must not be empty");
            }
        }
    }

    static String machineArchitecture() {
        String arch = System.getProperty("os.arch", "unknown").toLowerCase(Locale.ROOT);
        return switch (arch) {
            case "amd64", "x86_64" -> "x86_64";
            case "aarch64", "arm64" -> "aarch64";
            default -> arch;
        };
    }

    /** The version from the jar's manifest, or {@code development} when run from classes. */
    static final class Version implements IVersionProvider {

        @Override
        public String[] getVersion() {
            String version = SandboxCommand.class.getPackage().getImplementationVersion();
            return new String[] {"sup-sandbox " + (version == null ? "development" : version)};
        }
    }
}
