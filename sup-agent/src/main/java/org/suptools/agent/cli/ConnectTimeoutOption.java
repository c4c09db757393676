package org.suptools.agent.cli;

import java.time.Duration;
import picocli.CommandLine.Option;

/** {@code --connect-timeout SECONDS}, shared by the subcommands that connect to the broker and exit. */
final class ConnectTimeoutOption {

    @Option(names = "--connect-timeout", paramLabel = "SECONDS", defaultValue = "30",
            description = "How long to wait for the broker. Default: ${DEFAULT-VALUE}.")
    long seconds;

    Duration duration() {
        return Duration.ofSeconds(seconds);
    }
}
