package org.suptools.agent.config;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * The local management endpoint (the {@code manage} section of the agent config; off unless it
 * says {@code enabled: true}). The Workbench's Packages tab reaches the gateway through it.
 *
 * @param address the address the endpoint listens on: loopback unless the operator opens it
 * @param port its TCP port; 0 takes any free port (tests), which the agent logs
 * @param token the bearer token a client sends; empty when only client certificates are accepted
 * @param clientCaFile CA certificates (PEM) that a client certificate must chain to; empty for tokens only
 * @param maxUploadBytes the largest package accepted; a larger upload is refused before it is read
 */
public record ManageConfig(String address, int port, Optional<String> token, Optional<Path> clientCaFile,
        long maxUploadBytes) {

    public ManageConfig {
        Objects.requireNonNull(address, "address");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("manage.port: must be from 0 to 65535, was " + port);
        }
        token = token == null ? Optional.empty() : token;
        clientCaFile = clientCaFile == null ? Optional.empty() : clientCaFile;
        if (token.isEmpty() && clientCaFile.isEmpty()) {
            throw new IllegalArgumentException("manage: needs a token (tokenFile) or a clientCaFile");
        }
        if (maxUploadBytes < 1) {
            throw new IllegalArgumentException("manage.maxUploadBytes: must be at least 1, was " + maxUploadBytes);
        }
    }

    @Override
    public String toString() {
        // Never the token: configs end up in logs.
        return "ManageConfig[address=" + address + ", port=" + port + ", token=" + (token.isPresent() ? "set" : "none")
                + ", clientCaFile=" + clientCaFile.orElse(null) + ", maxUploadBytes=" + maxUploadBytes + "]";
    }
}
