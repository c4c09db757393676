package org.suptools.installer.install;

import java.util.Optional;
import org.suptools.installer.config.GatewayConfig;
import org.suptools.installer.runtime.RuntimeControl;
import org.suptools.installer.verify.PackageCheck;

/**
 * What an install does while its package is read and verified, once the signatures are checked:
 * it stages the payloads an action will rename into place ({@link PayloadStaging}) and asks
 * whether the runtime runs ({@link RuntimeStatusAhead}). A dry run does neither: it changes
 * nothing and runs nothing. Closed when the install ends, however it ends.
 */
final class WhileVerifying implements AutoCloseable {

    private final GatewayConfig config;
    private final RuntimeControl runtime;
    private final boolean dryRun;
    private PayloadStaging staging;
    private RuntimeStatusAhead runtimeStatus;

    WhileVerifying(GatewayConfig config, RuntimeControl runtime, boolean dryRun) {
        this.config = config;
        this.runtime = runtime;
        this.dryRun = dryRun;
    }

    /** Where the verified read sends each payload: staged (and the runtime asked), or only checked. */
    PackageCheck.PayloadSinks sinks() {
        if (dryRun) {
            return PackageCheck.PayloadSinks.CHECK_ONLY;
        }
        return manifest -> {
            runtimeStatus = RuntimeStatusAhead.ask(runtime);
            staging = PayloadStaging.of(config, manifest);
            return staging.sink();
        };
    }

    /** The staged payloads; none for a dry run or before the read. */
    PayloadStaging staging() {
        return staging == null ? PayloadStaging.none(config) : staging;
    }

    /** The runtime's status as asked during the read; empty for a dry run or before the read. */
    Optional<RuntimeStatusAhead> runtimeStatus() {
        return Optional.ofNullable(runtimeStatus);
    }

    /** Kills a status command that still runs. */
    @Override
    public void close() {
        if (runtimeStatus != null) {
            runtimeStatus.close();
        }
    }
}
