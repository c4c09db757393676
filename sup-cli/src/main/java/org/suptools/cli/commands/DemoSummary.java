package org.suptools.cli.commands;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.suptools.cli.output.JsonOutput;
import org.suptools.installer.api.client.InstallerProcess;
import org.suptools.installer.api.client.InstallerRun;
import org.suptools.installer.api.report.ReportFiles;

/**
 * The summary at the end of the demo's install: its result, each action with its status and time,
 * the audit log lines it added, the TR50 reply, and where every file is.
 *
 * @param packageFile  the package installed
 * @param publicKey    the demo key the gateway trusts
 * @param gateway      the sandbox gateway
 * @param reports      where the installer left its reports for that gateway
 * @param installer    the files holding the installer's own output
 * @param auditBefore  the audit log's size before the install, so only its lines are shown
 */
record DemoSummary(Path packageFile, Path publicKey, DemoGateway gateway, ReportFiles reports,
        InstallerProcess installer, long auditBefore) {

    void print(PrintWriter out, InstallerRun run, List<DemoActionRow> rows) throws IOException {
        out.println();
        out.println("Summary");
        out.println();
        out.println("Result: " + run.finished().map(f -> f.status().text()).orElse("no result (see " + installer.err()
                + ")") + run.finished().map(f -> f.message()).filter(m -> !m.isBlank()).map(m -> ": " + m).orElse(""));
        out.println();
        out.println("Actions:");
        rows.forEach(row -> out.println(row.summaryLine()));
        out.println();
        printAudit(out);
        out.println();
        printReply(out);
        out.println();
        printFiles(out);
        out.println();
    }

    private void printAudit(PrintWriter out) throws IOException {
        Path audit = reports.auditLog();
        out.println("Audit log lines of this install (" + audit + "):");
        if (Files.exists(audit)) {
            out.print(DemoText.indent(addedSince(audit, auditBefore)));
        } else {
            out.println("  (none written)");
        }
    }

    private void printReply(PrintWriter out) throws IOException {
        Path reply = reports.tr50Reply();
        out.println("TR50 reply (" + reply + "):");
        if (Files.exists(reply)) {
            StringWriter pretty = new StringWriter();
            JsonOutput.print(new PrintWriter(pretty), JsonOutput.parse(Files.readAllBytes(reply)));
            out.print(DemoText.indent(pretty.toString()));
        } else {
            out.println("  (none written)");
        }
    }

    private void printFiles(PrintWriter out) {
        out.println("Where the files are:");
        out.println("  package          " + packageFile);
        out.println("  keys             " + publicKey.getParent());
        out.println("  gateway config   " + gateway.config());
        out.println("  runtime home     " + gateway.runtimeHome());
        out.println("  confirmation     " + reports.confirmation());
        out.println("  audit log        " + reports.auditLog());
        out.println("  TR50 reply       " + reports.tr50Reply());
        out.println("  installer state  " + reports.stateDir() + " (journal, inventory, history)");
        out.println("  installer output " + installer.out() + " (events), " + installer.err());
    }

    /** What was appended to the file after its first {@code offset} bytes; empty when it did not grow. */
    private static String addedSince(Path file, long offset) throws IOException {
        try (SeekableByteChannel channel = Files.newByteChannel(file)) {
            if (channel.size() <= offset) {
                return "";
            }
            channel.position(offset);
            try (InputStream added = Channels.newInputStream(channel)) {
                return new String(added.readAllBytes(), StandardCharsets.UTF_8);
            }
        }
    }
}
