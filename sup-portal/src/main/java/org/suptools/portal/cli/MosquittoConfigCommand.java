package org.suptools.portal.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.suptools.portal.mqtt.MosquittoFiles;
import org.suptools.portal.mqtt.PortalCredentials;
import org.suptools.portal.server.ServeOptions;
import org.suptools.portal.store.DataDir;
import org.suptools.portal.store.Things;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code sup-portal mosquitto-config --data DIR --out DIR [--port N] [--base sup]}. */
@Command(name = "mosquitto-config", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Writes a mosquitto 2 password file, ACL file and mosquitto.conf for the portal's things: each "
                + "thing may use only <base>/<its key>/#, the portal all of <base>/#. Run it again after adding or "
                + "deleting things, then send mosquitto SIGHUP.")
final class MosquittoConfigCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    DataOption data;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Where to write the three files.")
    Path out;

    @Option(names = "--port", defaultValue = "1883", description = "The listener's port (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--listen", defaultValue = "127.0.0.1",
            description = "The listener's address (default: ${DEFAULT-VALUE}).")
    String listen;

    @Option(names = "--base", defaultValue = ServeOptions.DEFAULT_BASE,
            description = "The topics' first level(s), as given to serve (default: ${DEFAULT-VALUE}).")
    String base;

    @Override
    public Integer call() {
        DataDir dir = data.open();
        MosquittoFiles.write(out, new Things(dir, data.clock()).all(), PortalCredentials.of(dir), base, listen, port);
        spec.commandLine().getOut().println("wrote " + out.resolve("mosquitto.conf") + ", passwd and acl; run: "
                + "mosquitto -c " + out.resolve("mosquitto.conf"));
        return 0;
    }
}
