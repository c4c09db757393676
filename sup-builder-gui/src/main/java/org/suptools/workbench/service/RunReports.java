package org.suptools.workbench.service;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.suptools.installer.api.report.Confirmation;
import org.suptools.installer.api.report.ReportFiles;

/**
 * The reports one run of the installer leaves for a gateway config, found where the installer puts
 * them ({@link ReportFiles#forConfig}): its confirmation.json, and the audit lines it added. Taken
 * before the run, so that the audit lines already there are not shown as this run's. Reading never
 * fails: a missing file reads as empty, one that cannot be read as a line that says why.
 */
public final class RunReports implements RunReportSource {

    private final Optional<ReportFiles> files;
    private final int auditLinesBefore;

    private RunReports(Optional<ReportFiles> files) {
        this.files = files;
        this.auditLinesBefore = files.map(f -> lines(f.auditLog()).size()).orElse(0);
    }

    /** The reports of a run about to start with this config; none when the config cannot say where. */
    public static RunReports before(Path config) {
        try {
            return new RunReports(Optional.of(ReportFiles.forConfig(config)));
        } catch (IOException | RuntimeException e) {
            // The installer reads the config too, and says what is wrong with it (exit 2).
            return new RunReports(Optional.empty());
        }
    }

    /**
     * The text of confirmation.json, or a note when it names another install than this run's: a
     * run that wrote none (busy, a usage error) leaves an earlier install's file there. A file that
     * cannot be read as a confirmation is shown as it is.
     */
    @Override
    public String confirmation(String installId) {
        return files.map(f -> writtenByAnother(f.confirmation(), installId)
                ? "(confirmation.json in " + f.logsDir() + " is not this run's: install " + installId + ")"
                : text(f.confirmation())).orElse("");
    }

    /** The audit lines written since this was taken. */
    @Override
    public List<String> auditLinesSince() {
        return files.map(f -> {
            List<String> audit = lines(f.auditLog());
            return audit.subList(Math.min(auditLinesBefore, audit.size()), audit.size());
        }).orElse(List.of());
    }

    private static boolean writtenByAnother(Path file, String installId) {
        if (!Files.isRegularFile(file)) {
            return false;
        }
        try {
            String written = Confirmation.read(file).installId();
            return written != null && !written.equals(installId);
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private static List<String> lines(Path file) {
        try {
            return Files.isRegularFile(file) ? Files.readAllLines(file) : List.of();
        } catch (IOException e) {
            return List.of(cannotRead(file, e));
        }
    }

    private static String text(Path file) {
        try {
            return Files.isRegularFile(file) ? Files.readString(file) : "";
        } catch (IOException e) {
            return cannotRead(file, e);
        }
    }

    private static String cannotRead(Path file, IOException e) {
        return "(cannot read " + file + ": " + e.getMessage() + ")";
    }
}
