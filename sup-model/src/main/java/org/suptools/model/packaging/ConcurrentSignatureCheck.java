package org.suptools.model.packaging;

import java.io.InterruptedIOException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import org.suptools.model.InvalidPackageException;
import org.suptools.model.archive.ProgressListener;
import org.suptools.model.signing.SignatureSet;
import org.suptools.model.signing.SignatureVerifier;
import org.suptools.model.signing.TrustStore;
import org.suptools.model.signing.VerifiedSigners;

/**
 * The signature check of a manifest, run on a thread of its own while the caller reads the
 * payloads. The first verification of a run costs 0.3 to 0.4 s of CPU (loading the JCA provider
 * and the curve's code), which the payload pass would otherwise wait for; on a second core it
 * costs no wall time. The caller decides what its refusal means: {@link #await} throws it, and a
 * payload pass watched through {@link #stoppingWhenRefused} stops at its next progress report
 * once the check has refused, so a bad signature costs no full read of a large package.
 */
final class ConcurrentSignatureCheck {

    private final FutureTask<VerifiedSigners> task;
    private final Thread thread;

    private ConcurrentSignatureCheck(FutureTask<VerifiedSigners> task) {
        this.task = task;
        this.thread = new Thread(task, "sup-signature-check");
        thread.setDaemon(true);
    }

    /** Starts checking the signatures over {@code manifestBytes} against {@code trust}. */
    static ConcurrentSignatureCheck start(byte[] manifestBytes, SignatureSet signatures, TrustStore trust,
            int threshold) {
        ConcurrentSignatureCheck check = new ConcurrentSignatureCheck(
                new FutureTask<>(() -> SignatureVerifier.verify(manifestBytes, signatures, trust, threshold)));
        check.thread.start();
        return check;
    }

    /**
     * {@code progress}, and before each report a look at the check: once it has refused the
     * package the listener throws {@link Refused}, which ends the payload pass; {@link #await}
     * then throws the refusal itself.
     */
    ProgressListener stoppingWhenRefused(ProgressListener progress) {
        return (done, total) -> {
            if (task.isDone() && !succeeded()) {
                throw new Refused();
            }
            progress.progress(done, total);
        };
    }

    /**
     * Waits for the check (its thread has ended when this returns) and returns the trusted
     * signers, or throws the check's refusal or failure.
     */
    VerifiedSigners await() throws InvalidPackageException, InterruptedIOException {
        try {
            thread.join();
            return task.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while checking the signatures");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof InvalidPackageException refusal) {
                throw refusal;
            }
            if (cause instanceof RuntimeException unexpected) {
                throw unexpected;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException("checking the signatures failed: " + cause, cause);
        }
    }

    private boolean succeeded() {
        try {
            task.get();
            return true;
        } catch (ExecutionException | InterruptedException e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            return false;
        }
    }

    /** Ends a payload pass whose package the signature check has refused. */
    static final class Refused extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Refused() {
            super("the signature check refused the package", null, false, false);
        }
    }
}
