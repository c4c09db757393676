package org.suptools.cli.support;

import java.nio.file.Path;

/** Key pairs made with {@code sup keygen}, as a user would make them. */
public final class Keys {

    private Keys() {
    }

    /** Writes {@code dir/name.key} and {@code dir/name.pub}; returns the base path {@code dir/name}. */
    public static Path generate(Path dir, String name, String algorithm) {
        Path base = dir.resolve(name);
        Sup.Result result = Sup.run("keygen", "--out", base, "--algorithm", algorithm, "--quiet");
        if (result.exitCode() != 0) {
            throw new IllegalStateException("keygen failed: " + result);
        }
        return base;
    }

    public static Path ed25519(Path dir, String name) {
        return generate(dir, name, "ed25519");
    }

    public static Path privateKey(Path base) {
        return base.resolveSibling(base.getFileName() + ".key");
    }

    public static Path publicKey(Path base) {
        return base.resolveSibling(base.getFileName() + ".pub");
    }
}
