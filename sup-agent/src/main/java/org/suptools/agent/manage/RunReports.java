package org.suptools.agent.manage;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.suptools.installer.api.report.Confirmation;
import org.suptools.installer.api.report.ReportFiles;

/**
 * What one run of the installer left in the gateway's reports: its confirmation.json, when the
 * file is this run's, and the audit lines it added (counted before the run). Never fails: a file
 * that cannot be read gives a line that says why.
 */
final class RunReports {

    /** An install writes a handful of audit lines; more than this are cut, the newest kept. */
    static final int MAX_AUDIT_LINES = 1000;
    /** confirmation.json holds each action's output tail; one larger than this is not shown whole. */
    static final long MAX_CONFIRMATION_BYTES = 4L << 20;

    private final Optional<ReportFiles> files;
    private final long auditLinesBefore;

    private RunReports(Optional<ReportFiles> files) {
        this.files = files;
        this.auditLinesBefore = files.map(f -> count(f.auditLog())).orElse(0L);
    }

    static RunReports before(Path gatewayConfig) {
        try {
            return new RunReports(Optional.of(ReportFiles.forConfig(gatewayConfig)));
        } catch (IOException | RuntimeException e) {
            return new RunReports(Optional.empty());
        }
    }

    String confirmation(String installId) {
        if (files.isEmpty() || !Files.isRegularFile(files.get().confirmation())) {
            return "";
        }
        Path file = files.get().confirmation();
        try {
            if (Files.size(file) > MAX_CONFIRMATION_BYTES) {
                return "(confirmation.json in " + file.getParent() + " is larger than " + MAX_CONFIRMATION_BYTES
                        + " bytes; read it on the gateway)";
            }
            String written = Confirmation.read(file).installId();
            if (written != null && !written.equals(installId)) {
                return "(confirmation.json in " + file.getParent() + " is not this run's: install " + installId + ")";
            }
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            return "(cannot read " + file + ": " + e.getMessage() + ")";
        }
    }

    List<String> auditLinesSince() {
        if (files.isEmpty() || !Files.isRegularFile(files.get().auditLog())) {
            return List.of();
        }
        List<String> lines = new ArrayList<>();
        try (BufferedReader reader = Files.newBufferedReader(files.get().auditLog(), StandardCharsets.UTF_8)) {
            long number = 0;
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (number++ >= auditLinesBefore) {
                    lines.add(line);
                    if (lines.size() > MAX_AUDIT_LINES) {
                        lines.remove(0);
                    }
                }
            }
            return lines;
        } catch (IOException e) {
            return List.of("(cannot read " + files.get().auditLog() + ": " + e.getMessage() + ")");
        }
    }

    private static long count(Path file) {
        if (!Files.isRegularFile(file)) {
            return 0;
        }
        try (Stream<String> lines = Files.lines(file, StandardCharsets.UTF_8)) {
            return lines.count();
        } catch (IOException | java.io.UncheckedIOException e) {
            return 0;
        }
    }
}
