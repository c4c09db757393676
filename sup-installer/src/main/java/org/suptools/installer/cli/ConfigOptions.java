package org.suptools.installer.cli;

import java.nio.file.Path;
import org.suptools.model.gateway.ConfigException;
import org.suptools.installer.config.GatewayConfig;
import org.suptools.installer.config.GatewayConfigLoader;
import picocli.CommandLine.Option;

/** The options every gateway command shares: the gateway config, and {@code --verbose} for stack traces. */
final class ConfigOptions {

    @Option(names = "--config", required = true, paramLabel = "GATEWAY_CONFIG",
            description = "The gateway configuration (YAML, or JSON when it ends in .json).")
    Path config;

    @Option(names = "--verbose", description = "Print the stack trace of an unexpected error.")
    boolean verbose;

    GatewayConfig load() throws ConfigException {
        return GatewayConfigLoader.load(config);
    }
}
