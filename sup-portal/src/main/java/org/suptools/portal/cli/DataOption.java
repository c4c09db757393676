package org.suptools.portal.cli;

import java.nio.file.Path;
import java.time.Clock;
import org.suptools.portal.store.DataDir;
import picocli.CommandLine.Option;

/** {@code --data DIR}: the portal's data directory, shared by {@code serve} and every other command. */
final class DataOption {

    @Option(names = "--data", required = true, paramLabel = "DIR",
            description = "The portal's data directory (things, files, campaigns, mailboxes), shared with serve.")
    Path data;

    DataDir open() {
        return new DataDir(data);
    }

    Clock clock() {
        return Clock.systemUTC();
    }
}
