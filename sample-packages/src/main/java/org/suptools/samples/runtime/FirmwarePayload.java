package org.suptools.samples.runtime;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Writes the payload of the {@code firmware-update} sample: the sample runtime's tree at version
 * 1.1.0 as a tar.gz. It is binary and about as big as the runtime jar, so it is made by the build
 * (and by {@code bin/sup} on first use) into the sample's ignored payload folder instead of being
 * committed; the archive is byte-reproducible, so every clone builds the same package.
 */
public final class FirmwarePayload {

    /** The version of the runtime tree the sample installs. */
    public static final String VERSION = "1.1.0";

    /** The payload's path inside the sample, as its {@code sup.yaml} names it. */
    public static final String FILE = "payload/sample-runtime-" + VERSION + ".tar.gz";

    private FirmwarePayload() {
    }

    /** Writes the payload into the sample folder given, or prints how to call it. */
    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: FirmwarePayload SAMPLE_DIR (sample-packages/packages/firmware-update)");
            System.exit(2);
        }
        write(Path.of(args[0]));
    }

    /** Writes {@link #FILE} under {@code sampleDir} and returns its path. */
    public static Path write(Path sampleDir) throws IOException {
        return RuntimeHomeLayout.firmwareArchive(sampleDir.resolve(FILE), VERSION, true);
    }
}
