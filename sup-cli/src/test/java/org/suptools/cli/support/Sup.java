package org.suptools.cli.support;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.suptools.cli.SupMain;
import picocli.CommandLine;

/** Runs {@code sup} in-process, as {@link SupMain} configures it, and captures what it prints. */
public final class Sup {

    private Sup() {
    }

    public static Result run(Object... args) {
        String[] arguments = new String[args.length];
        for (int i = 0; i < args.length; i++) {
            arguments[i] = String.valueOf(args[i]);
        }
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine = SupMain.commandLine()
                .setOut(new PrintWriter(out, true))
                .setErr(new PrintWriter(err, true));
        int exitCode = commandLine.execute(arguments);
        return new Result(exitCode, out.toString(), err.toString());
    }

    /** What one run returned and printed. */
    public record Result(int exitCode, String out, String err) {

        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- out\n" + out + "--- err\n" + err;
        }
    }
}
