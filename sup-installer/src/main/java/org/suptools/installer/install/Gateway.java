package org.suptools.installer.install;

import java.time.Clock;
import org.suptools.installer.config.GatewayConfig;
import org.suptools.installer.config.RuntimeSettings;
import org.suptools.installer.process.ProcessRunner;
import org.suptools.installer.runtime.CommandRuntimeControl;
import org.suptools.installer.runtime.RuntimeCommands;
import org.suptools.installer.runtime.RuntimeControl;

/** Puts together the installer of a gateway from its configuration: real processes, the real clock. */
public final class Gateway {

    private Gateway() {
    }

    public static Installer installer(GatewayConfig config) {
        ProcessRunner runner = new ProcessRunner();
        return new Installer(config, runtimeControl(config, runner), new ProcessCommands(runner), Clock.systemUTC());
    }

    /** What to free when the runtime cannot start for want of space: the gateway's own directories. */
    static LowDiskSpace lowDiskSpace(GatewayConfig config, LowDiskSpace.UsableSpace usable) {
        java.util.Map<String, java.nio.file.Path> places = new java.util.LinkedHashMap<>();
        places.put("runtime home", config.runtimeHome());
        places.put("logs directory", config.logsDir());
        places.put("state directory", config.stateDir());
        return new LowDiskSpace(places, config.logsDir(), config.minFreeSpace(), usable);
    }

    /** The runtime's start, stop and status commands, run from the runtime home. */
    public static RuntimeControl runtimeControl(GatewayConfig config, ProcessRunner runner) {
        RuntimeSettings settings = config.runtime();
        RuntimeCommands commands = new RuntimeCommands(settings.start(), settings.stop(), settings.status(),
                settings.commandTimeout(), settings.healthWait());
        if (java.nio.file.Files.isDirectory(config.runtimeHome())) {
            commands = commands.withWorkingDirectory(config.runtimeHome());
        }
        return new CommandRuntimeControl(commands, runner);
    }
}
