package org.suptools.cli.commands;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.suptools.model.spec.LoadedSpec;
import org.suptools.model.spec.SpecPayload;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/** Refuses an output path that would destroy an input or that cannot be a file. */
final class OutputPaths {

    private OutputPaths() {
    }

    /** The package must not replace the spec or a payload, nor land in the payload directory (the next build would pack it). */
    static void checkBuildOutput(CommandLine commandLine, Path out, LoadedSpec loaded) throws IOException {
        checkNotDirectory(commandLine, out);
        List<Path> inputs = new ArrayList<>();
        inputs.add(loaded.specFile());
        loaded.payloads().stream().map(SpecPayload::file).forEach(inputs::add);
        checkNotAny(commandLine, out, inputs);
        Path payloadDir = loaded.baseDir().resolve(loaded.spec().effectivePayloadDir()).toAbsolutePath().normalize();
        if (out.toAbsolutePath().normalize().startsWith(payloadDir)) {
            throw new ParameterException(commandLine, "-o: " + out + " is inside the payload directory " + payloadDir
                    + "; the package would become a payload of the next build");
        }
    }

    static void checkNotDirectory(CommandLine commandLine, Path out) {
        if (Files.isDirectory(out)) {
            throw new ParameterException(commandLine, "-o: " + out + " is a directory; give the package's file name");
        }
    }

    static void checkNotAny(CommandLine commandLine, Path out, List<Path> inputs) throws IOException {
        Path normalized = out.toAbsolutePath().normalize();
        for (Path input : inputs) {
            boolean same = normalized.equals(input.toAbsolutePath().normalize())
                    || Files.exists(out) && Files.exists(input) && Files.isSameFile(out, input);
            if (same) {
                throw new ParameterException(commandLine, "-o: " + out + " is an input (" + input
                        + "); refusing to overwrite it");
            }
        }
    }
}
