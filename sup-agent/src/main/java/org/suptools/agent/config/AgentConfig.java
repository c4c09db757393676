package org.suptools.agent.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.suptools.tr50.Topics;

/**
 * The agent's configuration, checked ({@link AgentConfigLoader} reads it; docs/reference/agent.md
 * and docs/schema/agent-config.schema.json describe each field).
 *
 * @param thingKey the gateway's thing key: the MQTT user name
 * @param appId the MQTT client id
 * @param appToken the MQTT password
 * @param broker {@code tcp://host:port}, or {@code ssl://host:port} for TLS
 * @param caFile the CA certificates (PEM) that the broker's certificate must chain to; the JVM's own when absent
 * @param topics the topics: per thing under a prefix on a shared broker, none against the real portal
 * @param fileEndpoint the portal's file endpoint; a file id is fetched from {@code <fileEndpoint>/file/<id>}
 * @param gatewayConfig the gateway's installer config (gateway.yaml), passed to the installer
 * @param installer the installer's launcher command
 * @param stateDir where the agent keeps jobs, the outbox and downloads
 * @param checkPeriod how often the mailbox is checked without a notice
 * @param checkJitter how far each periodic check may fall before or after the check period, at random,
 *     so a fleet started together does not check in lock step; less than {@code checkPeriod}
 * @param installTimeout how long one installer run may take before it is stopped
 * @param replyTimeout how long a TR50 request waits for its reply
 * @param downloadAttempts how many fetches one update may start before it fails
 * @param stagePolicy which stages of an update wait for an approval
 * @param checks the agent's own update checks: whether it makes them, their windows, the download throttle
 * @param manage the local management endpoint; empty when it is off (the default)
 */
public record AgentConfig(String thingKey, String appId, String appToken, URI broker, Optional<Path> caFile,
        Topics topics, URI fileEndpoint, Path gatewayConfig, List<String> installer, Path stateDir,
        Duration checkPeriod, Duration checkJitter, Duration installTimeout, Duration replyTimeout, int downloadAttempts,
        StagePolicy stagePolicy, CheckPolicy checks, Optional<ManageConfig> manage) {

    /** A config without checks of its own, windows, throttle or the management endpoint. */
    public AgentConfig(String thingKey, String appId, String appToken, URI broker, Optional<Path> caFile,
            Topics topics, URI fileEndpoint, Path gatewayConfig, List<String> installer, Path stateDir,
            Duration checkPeriod, Duration checkJitter, Duration installTimeout, Duration replyTimeout,
            int downloadAttempts, StagePolicy stagePolicy) {
        this(thingKey, appId, appToken, broker, caFile, topics, fileEndpoint, gatewayConfig, installer, stateDir,
                checkPeriod, checkJitter, installTimeout, replyTimeout, downloadAttempts, stagePolicy, CheckPolicy.OFF,
                Optional.empty());
    }

    public AgentConfig {
        Objects.requireNonNull(thingKey, "thingKey");
        Objects.requireNonNull(appId, "appId");
        Objects.requireNonNull(appToken, "appToken");
        Objects.requireNonNull(broker, "broker");
        caFile = caFile == null ? Optional.empty() : caFile;
        Objects.requireNonNull(topics, "topics");
        Objects.requireNonNull(fileEndpoint, "fileEndpoint");
        Objects.requireNonNull(gatewayConfig, "gatewayConfig");
        installer = List.copyOf(installer);
        Objects.requireNonNull(stateDir, "stateDir");
        Objects.requireNonNull(checkPeriod, "checkPeriod");
        Objects.requireNonNull(checkJitter, "checkJitter");
        if (checkJitter.isNegative() || checkJitter.compareTo(checkPeriod) >= 0) {
            throw new IllegalArgumentException("checkJitter: must be from 0 to less than checkPeriod (" + checkPeriod
                    + "), was " + checkJitter);
        }
        Objects.requireNonNull(installTimeout, "installTimeout");
        Objects.requireNonNull(replyTimeout, "replyTimeout");
        stagePolicy = stagePolicy == null ? StagePolicy.AUTOMATIC : stagePolicy;
        checks = checks == null ? CheckPolicy.OFF : checks;
        manage = manage == null ? Optional.empty() : manage;
    }

    /** True for {@code ssl://} (and {@code mqtts://}) brokers. */
    public boolean tls() {
        return broker.getScheme().equals("ssl") || broker.getScheme().equals("mqtts");
    }

    @Override
    public String toString() {
        // Never the token: configs end up in logs.
        return "AgentConfig[thingKey=" + thingKey + ", appId=" + appId + ", broker=" + broker + ", topics="
                + topics.prefix() + ", stateDir=" + stateDir + "]";
    }
}
