package org.suptools.agent.manage;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.suptools.agent.store.AgentJson;
import org.suptools.installer.api.client.InstallerLauncher;
import org.suptools.installer.api.client.InstallerProcess;

/**
 * The gateway's installed packages and last install, as {@code sup-installer status --json} tells
 * them: the agent asks the installer, which owns that record, instead of reading its files.
 */
final class GatewayStatus {

    static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final int MAX_OUTPUT_BYTES = 1 << 20;

    private final List<String> installer;
    private final Path gatewayConfig;
    private final Path workDir;

    GatewayStatus(List<String> installer, Path gatewayConfig, Path workDir) {
        this.installer = List.copyOf(installer);
        this.gatewayConfig = gatewayConfig;
        this.workDir = workDir;
    }

    /** The installer's status object, or why it could not be had. */
    synchronized Result read() {
        List<String> command = new ArrayList<>(installer);
        command.addAll(List.of("status", "--config", gatewayConfig.toString(), "--json"));
        InstallerProcess process = new InstallerProcess(workDir, "status", TIMEOUT);
        try {
            InstallerLauncher.Running running = process.start(command);
            int exit = running.follow(line -> {
            });
            if (exit != 0) {
                return new Result(Optional.empty(), Optional.of("sup-installer status ended with exit code " + exit
                        + ": " + running.stderrTail().strip()));
            }
            if (Files.size(process.out()) > MAX_OUTPUT_BYTES) {
                return new Result(Optional.empty(), Optional.of("sup-installer status printed more than "
                        + MAX_OUTPUT_BYTES + " bytes"));
            }
            JsonNode status = AgentJson.mapper().readTree(Files.readString(process.out(), StandardCharsets.UTF_8));
            return new Result(Optional.of(status), Optional.empty());
        } catch (IOException e) {
            return new Result(Optional.empty(), Optional.of("sup-installer status could not be run: " + e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(Optional.empty(), Optional.of("interrupted"));
        } finally {
            try {
                Files.deleteIfExists(process.out());
                Files.deleteIfExists(process.err());
            } catch (IOException e) {
                // Written again at the next request.
            }
        }
    }

    record Result(Optional<JsonNode> status, Optional<String> problem) {
    }
}
