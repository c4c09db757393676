package org.suptools.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystemException;
import java.util.List;
import org.suptools.model.InvalidPackageException;
import org.suptools.model.gateway.ConfigException;
import org.suptools.model.problem.FileReasons;
import org.suptools.model.validation.FileProblemsException;
import org.suptools.model.validation.SpecException;

/**
 * What an exception means to the user of {@code sup}: the exit code, and the lines to print (each
 * naming the file, and the field or entry when there is one). The one place exceptions are mapped.
 */
record ErrorReport(int exitCode, List<String> lines) {

    static ErrorReport of(Throwable failure) {
        if (failure instanceof UncheckedIOException unchecked) {
            return of(unchecked.getCause());
        }
        if (failure instanceof InvalidPackageException invalid) {
            return new ErrorReport(ExitCodes.forReason(invalid.reason()), List.of(oneLine(invalid.getMessage())));
        }
        if (failure instanceof SpecException spec) {
            List<String> lines = lines(spec);
            return new ErrorReport(ExitCodes.INVALID, lines.isEmpty() ? List.of(spec.file() + ": invalid spec") : lines);
        }
        if (failure instanceof ConfigException gatewayConfig) {
            // Like a bad key file: an input the command cannot use, not a verdict on the package.
            return new ErrorReport(ExitCodes.IO, lines(gatewayConfig));
        }
        if (failure instanceof IOException io) {
            return new ErrorReport(ExitCodes.IO, List.of(describe(io)));
        }
        return new ErrorReport(ExitCodes.INTERNAL, List.of("internal error: " + failure
                + " (this is a bug in sup; --verbose shows the stack trace)"));
    }

    /** One line for each problem, naming the file as the user named it. */
    private static List<String> lines(FileProblemsException invalid) {
        return invalid.problems().stream().map(problem -> problem.in(invalid.file().toString())).toList();
    }

    /** The JDK's file exceptions carry the path and a terse reason; this puts them as "path: reason". */
    private static String describe(IOException io) {
        if (io instanceof FileSystemException fs && fs.getFile() != null) {
            return FileReasons.describe(fs);
        }
        return io.getMessage() == null ? io.getClass().getSimpleName() : oneLine(io.getMessage());
    }

    private static String oneLine(String message) {
        return message == null ? "" : message.replace(System.lineSeparator(), " ").replace('\n', ' ');
    }
}
