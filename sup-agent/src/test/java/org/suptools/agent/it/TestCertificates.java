package org.suptools.agent.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * CAs and server certificates made when the test runs, with the JDK's own {@code keytool} run as a
 * process, so no key is ever committed: a CA signs a server key's request, and the server's
 * keystore holds the signed chain, as a broker's would.
 */
final class TestCertificates {

    static final String PASSWORD = "test-only";

    private final Path dir;

    TestCertificates(Path dir) {
        this.dir = dir;
    }

    /** A new CA in {@code <name>.p12}; returns its certificate as PEM, {@code <name>.pem}. */
    Path ca(String name) throws IOException, InterruptedException {
        keytool("-genkeypair", "-alias", name, "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=" + name,
                "-ext", "bc:c", "-validity", "2", "-keystore", store(name));
        Path pem = dir.resolve(name + ".pem");
        keytool("-exportcert", "-alias", name, "-keystore", store(name), "-rfc", "-file", pem.toString());
        return pem;
    }

    /**
     * A server key in {@code <name>.p12} with a certificate for {@code dnsName} (and 127.0.0.1)
     * signed by the CA {@code ca}; returns the keystore, holding the chain up to the CA.
     */
    Path server(String name, String dnsName, String ca) throws IOException, InterruptedException {
        keytool("-genkeypair", "-alias", name, "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=" + dnsName,
                "-validity", "2", "-keystore", store(name));
        Path request = dir.resolve(name + ".csr");
        keytool("-certreq", "-alias", name, "-keystore", store(name), "-file", request.toString());
        Path signed = dir.resolve(name + ".crt");
        keytool("-gencert", "-alias", ca, "-keystore", store(ca), "-infile", request.toString(), "-outfile",
                signed.toString(), "-rfc", "-validity", "2", "-ext", "SAN=dns:" + dnsName + ",ip:127.0.0.1",
                "-ext", "EKU=serverAuth");
        keytool("-importcert", "-noprompt", "-alias", ca, "-file", dir.resolve(ca + ".pem").toString(), "-keystore",
                store(name));
        keytool("-importcert", "-alias", name, "-file", signed.toString(), "-keystore", store(name));
        return Path.of(store(name));
    }

    private String store(String name) {
        return dir.resolve(name + ".p12").toString();
    }

    private void keytool(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "keytool")
                .toString()));
        command.addAll(List.of(args));
        command.addAll(List.of("-storetype", "PKCS12", "-storepass", PASSWORD, "-keypass", PASSWORD));
        Path output = dir.resolve("keytool.log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile())
                .start();
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new IOException("keytool " + String.join(" ", args) + " failed: "
                    + Files.readString(output, StandardCharsets.UTF_8));
        }
    }
}
