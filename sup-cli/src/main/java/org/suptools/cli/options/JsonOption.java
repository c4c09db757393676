package org.suptools.cli.options;

import picocli.CommandLine.Option;

/** {@code --json}: machine-readable output, in the stable shapes documented in docs/cli.md. */
public final class JsonOption {

    @Option(names = "--json", description = "Print the result as JSON (shape documented in docs/cli.md).")
    private boolean json;

    public boolean enabled() {
        return json;
    }
}
