package org.suptools.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.suptools.model.InvalidPackageException;
import org.suptools.model.InvalidPackageException.Reason;
import org.suptools.model.problem.Problem;
import org.suptools.model.signing.KeyFileException;
import org.suptools.model.validation.SpecException;

class ErrorReportTest {

    @ParameterizedTest
    @EnumSource(Reason.class)
    void refusal_exitCodeFollowsTheReason(Reason reason) {
        ErrorReport report = ErrorReport.of(new InvalidPackageException(reason, "p.sup: entry 'x' is bad"));

        int expected = switch (reason) {
            case UNSIGNED, UNTRUSTED_SIGNER, THRESHOLD_NOT_MET -> 3;
            case EXPIRED -> 4;
            default -> 1;
        };
        assertThat(report.exitCode()).isEqualTo(expected);
        assertThat(report.lines()).containsExactly("p.sup: entry 'x' is bad");
    }

    @Test
    void specException_isOneLinePerProblem() {
        SpecException spec = new SpecException(Path.of("sup.yaml"), List.of(
                Problem.error("actions[0].source", "no such payload file 'a'"),
                Problem.error("targets", "at least one target is required")));

        ErrorReport report = ErrorReport.of(spec);

        assertThat(report.exitCode()).isEqualTo(1);
        assertThat(report.lines()).containsExactly(
                "sup.yaml: actions[0].source: no such payload file 'a'",
                "sup.yaml: targets: at least one target is required");
    }

    @Test
    void missingFile_isAnIoErrorNamingTheFile() {
        ErrorReport report = ErrorReport.of(new NoSuchFileException("in.sup"));

        assertThat(report.exitCode()).isEqualTo(5);
        assertThat(report.lines()).containsExactly("in.sup: no such file or directory");
    }

    @Test
    void unreadableFile_andBadKeyFile_areIoErrors() {
        assertThat(ErrorReport.of(new AccessDeniedException("k.key")).lines()).containsExactly("k.key: permission denied");
        assertThat(ErrorReport.of(new KeyFileException("k.key", "not a PEM private key")).exitCode()).isEqualTo(5);
        assertThat(ErrorReport.of(new UncheckedIOException(new IOException("disk full"))).exitCode()).isEqualTo(5);
    }

    @Test
    void anythingElse_isAnInternalError() {
        ErrorReport report = ErrorReport.of(new IllegalStateException("oops"));

        assertThat(report.exitCode()).isEqualTo(70);
        assertThat(report.lines().get(0)).contains("internal error", "oops", "--verbose");
    }
}
