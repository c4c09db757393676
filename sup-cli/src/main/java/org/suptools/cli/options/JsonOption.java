package org.suptools.cli.options;

import picocli.CommandLine.Option;

/** {@code --json}: machine-readable output, in the stable shapes documented in docs/reference/json-output.md. */
public final class JsonOption {

    @Option(names = "--json", description = "Print the result as JSON (shape documented in docs/reference/json-output.md).")
    private boolean json;

    public boolean enabled() {
        return json;
    }
}
