package org.suptools.installer.plan;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.suptools.installer.config.GatewayConfig;
import org.suptools.installer.config.GatewayConfigLoader;
import org.suptools.installer.exec.Payloads;
import org.suptools.model.InvalidPackageException;
import org.suptools.model.archive.SupArchive;
import org.suptools.model.manifest.Manifest;
import org.suptools.model.manifest.ManifestCodec;
import org.suptools.model.manifest.PayloadFile;

/**
 * A hand-run timing of the plan step alone, not a test: the wall time of {@link Planner#plan} on
 * a package (which reads every archive payload once to count what it unpacks to), the median of
 * several runs on a warm page cache. Run after {@code mvn -o -pl sup-installer -am test-compile}:
 *
 * <pre>
 * mvn -q -o -pl sup-installer dependency:build-classpath -Dmdep.outputFile=/tmp/cp.txt
 * java -Xmx64m -cp sup-installer/target/test-classes:sup-installer/target/classes:sup-model/target/classes:$(cat /tmp/cp.txt) \
 *     org.suptools.installer.plan.PlanTimingMain PACKAGE.sup gateway.yaml [RUNS]
 * </pre>
 */
public final class PlanTimingMain {

    private PlanTimingMain() {
    }

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        GatewayConfig config = GatewayConfigLoader.load(Path.of(args[1]));
        int runs = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        List<Long> millis = new ArrayList<>();
        try (SupArchive archive = SupArchive.open(file)) {
            Manifest manifest = ManifestCodec.parse(archive.manifestBytes(), file.toString());
            Payloads payloads = new Payloads() {
                @Override
                public PayloadFile declared(String name) throws IOException {
                    return manifest.payload(name).orElseThrow(() -> new IOException("no payload " + name));
                }

                @Override
                public InputStream open(String name) throws IOException {
                    try {
                        return archive.openPayload(declared(name));
                    } catch (InvalidPackageException e) {
                        throw new IOException(e.getMessage(), e);
                    }
                }
            };
            for (int run = 0; run < runs; run++) {
                long started = System.nanoTime();
                Plan plan = new Planner(config).plan(manifest, config.identity().profile(), payloads);
                millis.add((System.nanoTime() - started) / 1_000_000);
                System.out.printf("run %d: %d ms, needs %s%n", run + 1, millis.get(run), plan.requiredBytes());
            }
        }
        Collections.sort(millis);
        System.out.printf("median of %d: %d ms%n", runs, millis.get(runs / 2));
    }
}
