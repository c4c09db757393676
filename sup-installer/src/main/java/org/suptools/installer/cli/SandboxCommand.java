package org.suptools.installer.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.suptools.installer.api.ExitCode;
import org.suptools.installer.api.json.ContractJson;
import org.suptools.installer.config.GatewayConfig;
import org.suptools.installer.config.GatewayConfigLoader;
import org.suptools.installer.install.Gateway;
import org.suptools.installer.process.ProcessRunner;
import org.suptools.model.signing.PemKeys;
import org.suptools.samples.runtime.RuntimeHomeLayout;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code sup-installer sandbox DIR [--trust PUBLIC_KEY]...}: a gateway to try packages on, on a
 * workstation or in tests: the sample runtime installed in {@code DIR/dwcore} and started, a trust
 * store holding the given keys (none: unsigned packages allowed), and {@code DIR/gateway.yaml}.
 */
@Command(mixinStandardHelpOptions = true, name = "sandbox", sortOptions = false,
        header = "Create a sandbox gateway to try packages on.",
        description = {"Creates a ready sandbox gateway in DIR: DIR/gateway.yaml, a runtime home DIR/dwcore with "
                + "the sample runtime installed and running, logs, state and a trust store with the given keys.",
            "It prints the config path and the commands that stop and start the runtime."},
        exitCodeListHeading = ExitCodeHelp.HEADING,
        exitCodeList = {"0:created", "1:failed: a key file is unreadable, or the runtime did not start",
            "2:usage: bad command line, or DIR already holds a sandbox"},
        footer = {"%nExamples:", "  sup-installer sandbox /tmp/gw --trust keys/release.pub",
            "  sup-installer install my-package.sup --config /tmp/gw/gateway.yaml"})
final class SandboxCommand implements Callable<Integer> {

    static final String HOME = "dwcore";

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

    @Override
    public Integer call() throws Exception {
        Path root = dir.toAbsolutePath().normalize();
        Path configFile = root.resolve("gateway.yaml");
        if (Files.exists(configFile)) {
            throw new ExitException(ExitCode.USAGE, configFile + " already exists; choose an empty directory", null);
        }
        for (Path key : trust) {
            PemKeys.readPublicKey(key);
        }
        Files.createDirectories(root);
        Path home = RuntimeHomeLayout.create(root.resolve(HOME), runtimeVersion);
        if (!trust.isEmpty()) {
            Path store = Files.createDirectories(root.resolve("trust"));
            for (Path key : trust) {
                Files.copy(key, store.resolve(key.getFileName().toString().endsWith(".pub") ? key.getFileName().toString()
                        : key.getFileName() + ".pub"));
            }
        }
        Files.writeString(configFile, config(home), StandardCharsets.UTF_8);
        GatewayConfig config = GatewayConfigLoader.load(configFile);
        PrintWriter out = spec.commandLine().getOut();
        if (!noStart) {
            Gateway.runtimeControl(config, new ProcessRunner()).start();
        }
        out.println("sandbox gateway: " + configFile);
        out.println("runtime home:    " + home + " (sample runtime " + runtimeVersion + ", "
                + (noStart ? "stopped" : "running") + ")");
        out.println("install:         sup-installer install FILE.sup --config " + configFile);
        out.println("stop runtime:    " + String.join(" ", RuntimeHomeLayout.command(home, "stop")));
        out.println("start runtime:   " + String.join(" ", RuntimeHomeLayout.command(home, "start")));
        out.flush();
        return 0;
    }

    private String config(Path home) {
        String ctl = RuntimeHomeLayout.CTL.substring(RuntimeHomeLayout.RUNTIME_DIR.length() + 1);
        StringBuilder yaml = new StringBuilder();
        yaml.append("# A sandbox gateway made by 'sup-installer sandbox'. docs/reference/gateway-config.md describes every field.\n");
        yaml.append("runtimeHome: ").append(HOME).append('\n');
        yaml.append("stateDir: state\n");
        if (trust.isEmpty()) {
            yaml.append("# No --trust keys were given: packages are checked for integrity only.\n");
            yaml.append("allowUnsigned: true\n");
        } else {
            yaml.append("trust:\n  store: trust\n  threshold: 1\n");
        }
        yaml.append("identity:\n");
        yaml.append("  product: ").append(quote(product)).append('\n');
        yaml.append("  os: ").append(quote(os)).append('\n');
        yaml.append("  architecture: ").append(quote(architecture == null ? machineArchitecture() : architecture)).append('\n');
        yaml.append("  runtimeVersion: ").append(quote(runtimeVersion)).append('\n');
        yaml.append("  thingKey: ").append(quote(thingKey)).append('\n');
        yaml.append("runtime:\n");
        for (String verb : List.of("start", "stop", "status")) {
            yaml.append("  ").append(verb).append(": [").append(quote(RuntimeHomeLayout.RUNTIME_DIR + "/" + ctl))
                    .append(", ").append(verb).append(", ").append(quote(home.toString())).append("]\n");
        }
        yaml.append("  commandTimeout: 60s\n  healthWait: ").append(quote(healthWait)).append('\n');
        yaml.append("defaultActionTimeout: 5m\n");
        return yaml.toString();
    }

    private static String quote(String text) {
        return ContractJson.line(text);
    }

    static String machineArchitecture() {
        String arch = System.getProperty("os.arch", "unknown").toLowerCase(Locale.ROOT);
        return switch (arch) {
            case "amd64", "x86_64" -> "x86_64";
            case "aarch64", "arm64" -> "aarch64";
            default -> arch;
        };
    }
}
