package org.suptools.cli.commands;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.suptools.cli.options.CommonOptions;
import org.suptools.cli.options.JsonOption;
import org.suptools.cli.output.JsonOutput;
import org.suptools.model.signing.KeyAlgorithm;
import org.suptools.model.signing.KeyFiles;
import org.suptools.model.signing.KeyId;
import org.suptools.model.signing.KeyPairs;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/** {@code sup keygen --out PATH/NAME}: a signing key pair, NAME.key (mode 600) and NAME.pub. */
@Command(name = "keygen",
        header = "Generate a signing key pair.",
        mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Generate a signing key pair: NAME.key, the private key (PKCS#8 PEM, readable by you "
                + "only), and NAME.pub, the public key to give to the gateways' trust stores.",
            "Existing files are never overwritten."},
        footer = {"%nExamples:", "  sup keygen -o keys/release", "  sup keygen -o keys/legacy --algorithm rsa-3072"})
public final class KeygenCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private CommonOptions common;

    @Mixin
    private JsonOption json;

    @Option(names = {"-o", "--out"}, required = true, paramLabel = "PATH/NAME",
            description = "Where to write the keys, without suffix: PATH/NAME.key and PATH/NAME.pub.")
    private Path out;

    @Option(names = {"-a", "--algorithm"}, paramLabel = "ALGORITHM", defaultValue = "ed25519",
            converter = AlgorithmConverter.class, completionCandidates = AlgorithmNames.class,
            description = "The key algorithm: ed25519, ecdsa-p256 or rsa-3072 (RSA-PSS); default: ${DEFAULT-VALUE}.")
    private KeyAlgorithm algorithm;

    static final class AlgorithmConverter implements ITypeConverter<KeyAlgorithm> {
        @Override
        public KeyAlgorithm convert(String value) {
            try {
                return KeyAlgorithm.fromName(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    static final class AlgorithmNames extends ArrayList<String> {
        AlgorithmNames() {
            super(List.of("ed25519", "ecdsa-p256", "rsa-3072"));
        }
    }

    @Override
    public Integer call() throws IOException {
        Path parent = out.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        KeyPair pair = KeyPairs.generate(algorithm);
        KeyFiles.Written written = KeyFiles.write(out, pair);
        String keyId = KeyId.of(pair.getPublic());
        PrintWriter output = spec.commandLine().getOut();
        if (json.enabled()) {
            ObjectNode root = JsonOutput.object();
            root.put("privateKey", written.privateKeyFile().toString());
            root.put("publicKey", written.publicKeyFile().toString());
            root.put("keyId", keyId);
            root.put("algorithm", algorithm.id());
            JsonOutput.print(output, root);
        } else if (!common.quiet()) {
            output.println("Generated an " + algorithm.id() + " key pair, key id " + keyId);
            output.println("  private key  " + written.privateKeyFile() + "  (keep it secret: sign with --key)");
            output.println("  public key   " + written.publicKeyFile() + "  (give it to verifiers: --trust)");
            output.flush();
        }
        return 0;
    }
}
