package org.suptools.cli.packages;

import java.nio.file.Path;
import java.security.PrivateKey;
import java.util.ArrayList;
import java.util.List;
import org.suptools.model.signing.KeyFileException;
import org.suptools.model.signing.PemKeys;

/** The private keys named by {@code --key}, read before any work so a bad key file fails fast. */
public final class SigningKeys {

    private SigningKeys() {
    }

    public static List<PrivateKey> read(List<Path> files) throws KeyFileException {
        List<PrivateKey> keys = new ArrayList<>();
        for (Path file : files) {
            keys.add(PemKeys.readPrivateKey(file));
        }
        return keys;
    }
}
