package org.suptools.model.archive;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.suptools.model.packaging.PackageBuilder;
import org.suptools.model.signing.KeyAlgorithm;
import org.suptools.model.signing.KeyPairs;
import org.suptools.model.spec.LoadedSpec;
import org.suptools.model.spec.SpecFiles;

/**
 * A hand-run throughput check, not a test: wall time of {@code cp} of one random payload, of
 * {@link SupWriter} writing it, and of {@link PackageBuilder#build} with an Ed25519 key, each the
 * median of several runs on a warm page cache; and, apart, the SHA-256 of the built package that
 * {@code build} computes for its result. Run after {@code mvn -o -pl sup-model test-compile}:
 *
 * <pre>
 * mvn -q -o -pl sup-model dependency:build-classpath -Dmdep.outputFile=/tmp/cp.txt
 * java -cp sup-model/target/test-classes:sup-model/target/classes:$(cat /tmp/cp.txt) \
 *     org.suptools.model.archive.WriterThroughputMain [MiB=1024] [dir=/dev/shm/sup-throughput] [runs=3]
 * </pre>
 */
public final class WriterThroughputMain {

    private WriterThroughputMain() {
    }

    public static void main(String[] args) throws Exception {
        long mib = args.length > 0 ? Long.parseLong(args[0]) : 1024;
        Path dir = Path.of(args.length > 1 ? args[1] : "/dev/shm/sup-throughput");
        int runs = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        Path spec = dir.resolve("spec");
        Files.createDirectories(spec.resolve("payload"));
        Path payload = spec.resolve("payload/big.bin");
        writeRandom(payload, mib * 1024 * 1024);
        Files.writeString(spec.resolve("sup.yaml"), """
                name: bench
                version: 1.0.0
                targets: [{product: bench-gw, os: linux, architecture: x86_64}]
                actions:
                  - {id: copy, type: file.copy, source: big.bin, destination: lib/big.bin}
                """);
        LoadedSpec loaded = SpecFiles.loadValid(spec, Instant.now());
        KeyPair key = KeyPairs.generate(KeyAlgorithm.ED25519);
        Path copy = dir.resolve("copy.bin");
        Path out = dir.resolve("bench.sup");
        byte[] manifest = "{}".getBytes(StandardCharsets.UTF_8);
        Sha256.ofFile(payload);

        Map<String, List<Double>> times = new LinkedHashMap<>();
        List<String> loads = new ArrayList<>();
        for (int run = 0; run < runs; run++) {
            loads.add(Files.readString(Path.of("/proc/loadavg")).trim());
            time(times, "cp", () -> {
                Process cp = new ProcessBuilder("cp", payload.toString(), copy.toString()).inheritIO().start();
                if (cp.waitFor() != 0) {
                    throw new IOException("cp failed");
                }
            });
            Files.delete(copy);
            time(times, "SupWriter", () -> new SupWriter().write(out, manifest, Optional.empty(),
                    List.of(new PayloadSource("payload/big.bin", payload)), ArchiveOptions.defaults(),
                    ProgressListener.NONE));
            Files.delete(out);
            time(times, "PackageBuilder.build", () -> new PackageBuilder(ArchiveOptions.defaults(),
                    ProgressListener.NONE).build(loaded, out, List.of(key.getPrivate())));
            time(times, "  of which the package's SHA-256", () -> Sha256.ofFile(out));
            Files.delete(out);
        }
        double cp = median(times.get("cp"));
        System.out.printf("%d MiB random payload in %s, %d runs, load average before each: %s%n",
                mib, dir, runs, loads);
        times.forEach((step, seconds) -> System.out.printf("%-34s median %6.3f s  (%.2fx cp)  runs %s%n",
                step, median(seconds), median(seconds) / cp, seconds));
        Files.delete(payload);
    }

    private interface Step {
        void run() throws Exception;
    }

    /** Records the wall time of {@code step}, and prints it with the CPU time this process spent. */
    private static void time(Map<String, List<Double>> times, String name, Step step) throws Exception {
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long cpuStart = os.getProcessCpuTime();
        long start = System.nanoTime();
        step.run();
        double seconds = (System.nanoTime() - start) / 1e9;
        times.computeIfAbsent(name, k -> new ArrayList<>()).add(Math.round(seconds * 1000) / 1000.0);
        System.out.printf("  %-32s %6.3f s wall, %6.3f s CPU in this JVM%n", name.trim(), seconds,
                (os.getProcessCpuTime() - cpuStart) / 1e9);
    }

    private static double median(List<Double> values) {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return sorted.length % 2 == 1 ? sorted[sorted.length / 2]
                : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
    }

    private static void writeRandom(Path file, long size) throws IOException {
        Random random = new Random(1);
        byte[] chunk = new byte[1024 * 1024];
        try (var out = Files.newOutputStream(file)) {
            for (long written = 0; written < size; written += chunk.length) {
                random.nextBytes(chunk);
                out.write(chunk, 0, (int) Math.min(chunk.length, size - written));
            }
        }
    }
}
