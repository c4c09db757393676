package org.suptools.agent.cli;

import java.nio.file.Path;
import java.util.List;
import org.suptools.agent.config.AgentConfig;
import org.suptools.agent.config.AgentConfigException;
import org.suptools.agent.config.AgentConfigLoader;
import org.suptools.agent.config.HttpAgentConfig;
import org.suptools.agent.config.HttpAgentConfigLoader;
import org.suptools.model.problem.Problem;
import picocli.CommandLine.Option;

/** {@code --config agent.yaml} and {@code --verbose}, shared by every subcommand. */
final class ConfigOption {

    @Option(names = {"-c", "--config"}, required = true, paramLabel = "AGENT_CONFIG",
            description = "The agent config (agent.yaml); see docs/reference/agent.md.")
    Path config;

    @Option(names = "--verbose", description = "Show the stack trace of an unexpected error.")
    boolean verbose;

    AgentConfig load() throws AgentConfigException {
        if (httpBackend()) {
            throw new AgentConfigException(config, List.of(Problem.error("backend", "this command needs a TR50 "
                    + "portal (thingKey, broker, ...): a plain HTTP backend has no mailbox, campaigns or stages; "
                    + "once and run work with it")));
        }
        return AgentConfigLoader.load(config);
    }

    /** True when the config names a {@code backend} (the plain HTTP one): {@link #loadHttp} reads it. */
    boolean httpBackend() {
        return HttpAgentConfigLoader.declaresBackend(config);
    }

    HttpAgentConfig loadHttp() throws AgentConfigException {
        return HttpAgentConfigLoader.load(config);
    }
}
