package org.suptools.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.suptools.e2e.Launchers.sup;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.suptools.e2e.Launchers.Keys;
import org.suptools.e2e.Launchers.Result;

/**
 * A signed package, built by the real {@code sup build}, whose first action copies a payload of
 * random bytes to {@code conf/<name>.bin} in the runtime home of a sandbox gateway. The payload is
 * written at test time, in constant memory, whatever its size; {@code sup build} gives a payload
 * larger than 16 MiB its chunk index.
 */
final class RandomPayloadPackage {

    private RandomPayloadPackage() {
    }

    /**
     * Builds {@code <work>/packages/<name>.sup}.
     *
     * @param moreActions further actions, as YAML list items indented by two spaces, or ""
     */
    static Path build(Path work, Keys keys, String name, int payloadBytes, String moreActions) throws Exception {
        Path source = work.resolve("sources").resolve(name);
        Files.createDirectories(source.resolve("payload"));
        try (OutputStream out = Files.newOutputStream(source.resolve("payload/data.bin"))) {
            Random random = new Random(payloadBytes);
            byte[] chunk = new byte[1 << 16];
            for (int written = 0; written < payloadBytes; written += chunk.length) {
                random.nextBytes(chunk);
                out.write(chunk, 0, Math.min(chunk.length, payloadBytes - written));
            }
        }
        String spec = """
                name: %s
                version: 1.0.0
                description: a payload of random bytes for the end-to-end tests
                vendor: Acme Industrial
                targets:
                  - product: dw-gateway
                    os: linux
                    architecture: "*"
                    runtimeVersion: ">=1.0.0 <2.0.0"
                failurePolicy: rollback
                actions:
                  - id: data
                    type: file.copy
                    source: data.bin
                    destination: conf/%s.bin
                """.formatted(name, name) + moreActions;
        Files.writeString(source.resolve("sup.yaml"), spec, StandardCharsets.UTF_8);
        Path out = work.resolve("packages").resolve(name + ".sup");
        Files.createDirectories(out.getParent());
        Result build = sup("build", source.toString(), "-o", out.toString(), "--key", keys.privateKey().toString());
        assertThat(build.exit()).as(build.output()).isZero();
        return out;
    }

    /** The payload the package was built from. */
    static Path payload(Path work, String name) {
        return work.resolve("sources").resolve(name).resolve("payload/data.bin");
    }
}
