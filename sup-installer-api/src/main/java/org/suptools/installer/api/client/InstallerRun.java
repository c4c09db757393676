package org.suptools.installer.api.client;

import java.util.List;
import java.util.Optional;
import org.suptools.installer.api.ExitCode;
import org.suptools.installer.api.InstallError;
import org.suptools.installer.api.event.InstallEvent;
import org.suptools.installer.api.event.PackageInfo;
import org.suptools.installer.api.report.MailboxAcks;
import org.suptools.tr50.Tr50Request;

/**
 * How one run of the installer ended: its exit code, what its events said (the install id, the
 * package, the {@code finished} or {@code refused} event), the end of its standard error, and
 * whether the caller stopped it.
 */
public record InstallerRun(int exitCode, Optional<String> installId, Optional<PackageInfo> pkg,
        Optional<InstallEvent.Finished> finished, Optional<InstallEvent.Refused> refused, String stderr,
        boolean stopped) {

    private static final String PREFIX = "sup-installer: ";
    /** Exit codes above this mean a signal ended the process (128 + the signal's number). */
    private static final int SIGNALLED = 128;

    public InstallerRun {
        stderr = stderr == null ? "" : stderr;
    }

    /** The documented meaning of the exit code, empty for a code the installer never uses (a crash, a signal). */
    public Optional<ExitCode> knownExit() {
        return ExitCode.of(exitCode);
    }

    /** The installer's own last word on standard error, without its {@code sup-installer: } prefix. */
    public String summary() {
        List<String> lines = stderr.strip().lines().toList();
        String last = lines.isEmpty() ? "" : lines.get(lines.size() - 1);
        return last.startsWith(PREFIX) ? last.substring(PREFIX.length()) : last;
    }

    /** True when the installer ended the install itself: a {@code finished} or {@code refused} event came. */
    public boolean reported() {
        return finished.isPresent() || refused.isPresent();
    }

    /**
     * Why the run wrote no report of its own, for the ack a caller sends in its place: busy (another
     * install held the gateway), interrupted (stopped, or ended by a signal), or an internal error
     * (a crash, a usage error). Empty when the installer reported the install itself.
     */
    public Optional<InstallError> unreportedError() {
        if (reported()) {
            return Optional.empty();
        }
        if (exitCode == ExitCode.BUSY.code()) {
            return Optional.of(InstallError.BUSY);
        }
        if (stopped || exitCode > SIGNALLED) {
            return Optional.of(InstallError.INTERRUPTED);
        }
        return Optional.of(InstallError.INTERNAL);
    }

    /** The {@code mailbox.ack} for a run that wrote no reply; empty when it reported the install itself. */
    public Optional<Tr50Request> unreportedAck(String mailboxId) {
        return unreportedError().map(error -> MailboxAcks.unreported(mailboxId, error, summary().isEmpty()
                ? "the installer ended with exit code " + exitCode + " without a report" : summary()));
    }
}
