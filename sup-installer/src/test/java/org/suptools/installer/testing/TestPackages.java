package org.suptools.installer.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.util.List;
import java.util.Map;
import org.suptools.model.archive.ArchiveOptions;
import org.suptools.model.archive.ProgressListener;
import org.suptools.model.packaging.PackageBuilder;
import org.suptools.model.signing.KeyAlgorithm;
import org.suptools.model.signing.KeyFiles;
import org.suptools.model.signing.KeyPairs;
import org.suptools.model.spec.LoadedSpec;
import org.suptools.model.spec.SpecFiles;

/** Builds real .sup packages for tests, from a sup.yaml text and payload files. */
public final class TestPackages {

    /** The key the test gateways trust. */
    public static final KeyPair TRUSTED = KeyPairs.generate(KeyAlgorithm.ED25519);
    /** A key no test gateway trusts. */
    public static final KeyPair STRANGER = KeyPairs.generate(KeyAlgorithm.ED25519);

    private TestPackages() {
    }

    /** Writes the public key of a pair as {@code <dir>/<name>.pub} (a trust store directory). */
    public static Path writePublicKey(Path dir, String name, KeyPair pair) throws IOException {
        Files.createDirectories(dir);
        Path base = Files.createTempDirectory(dir.getParent(), "keys").resolve(name);
        KeyFiles.Written written = KeyFiles.write(base, pair);
        Path target = dir.resolve(name + KeyFiles.PUBLIC_SUFFIX);
        Files.copy(written.publicKeyFile(), target);
        return target;
    }

    /**
     * Builds {@code out} from a spec and its payloads (byte arrays or files), signed by {@code keys}.
     * The spec is not validated, so tests can build packages the toolchain would refuse.
     */
    public static Path build(Path out, String specYaml, Map<String, ?> payloads, List<PrivateKey> keys)
            throws IOException {
        Path project = Files.createTempDirectory(out.toAbsolutePath().getParent(), "spec");
        Files.writeString(project.resolve("sup.yaml"), specYaml, StandardCharsets.UTF_8);
        Path payloadDir = Files.createDirectories(project.resolve("payload"));
        for (Map.Entry<String, ?> payload : payloads.entrySet()) {
            Path file = payloadDir.resolve(payload.getKey());
            Files.createDirectories(file.getParent());
            if (payload.getValue() instanceof byte[] bytes) {
                Files.write(file, bytes);
            } else if (payload.getValue() instanceof String text) {
                Files.writeString(file, text, StandardCharsets.UTF_8);
            } else {
                Files.copy((Path) payload.getValue(), file);
            }
        }
        LoadedSpec loaded;
        try {
            loaded = SpecFiles.load(project);
        } catch (org.suptools.model.validation.SpecException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        new PackageBuilder(ArchiveOptions.defaults(), ProgressListener.NONE).build(loaded, out, keys);
        return out;
    }

    /** Signed by the trusted key. */
    public static Path signed(Path out, String specYaml, Map<String, ?> payloads) throws IOException {
        return build(out, specYaml, payloads, List.of(TRUSTED.getPrivate()));
    }

    /** The head of a spec: name, version, a target every test gateway matches. */
    public static String header(String name, String version) {
        return "name: " + name + "\nversion: " + version + "\n"
                + "targets:\n  - product: dw-gateway\n    os: linux\n    architecture: x86_64\n";
    }
}
