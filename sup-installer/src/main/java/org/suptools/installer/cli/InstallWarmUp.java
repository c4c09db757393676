package org.suptools.installer.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.HexFormat;
import java.util.List;
import org.suptools.installer.api.event.InstallEvent;
import org.suptools.installer.api.json.ContractJson;
import org.suptools.installer.api.report.Confirmation;
import org.suptools.installer.journal.JournalRecord;
import org.suptools.installer.state.HistoryEntry;
import org.suptools.installer.state.Inventory;
import org.suptools.model.json.SupJson;
import org.suptools.model.manifest.Manifest;

/**
 * The one-time work of an install's steps, done on a second thread from the process's start:
 * the JCA's Ed25519 key decoding and verification, which the trust store and the signatures
 * need, and Jackson's readers and writers for the manifest, the confirmation, the events, the
 * journal and the state files, which Jackson builds by introspection on first use. Each is kept
 * where the install looks for it (the loaded providers, the mappers' caches), so the main thread
 * finds it done, or waits for the rest of it, instead of doing it after its other start-up work.
 * The gateway config's readers are not here: the main thread needs them first.
 *
 * <p>It reads no file and writes nothing. Whatever fails here is ignored: the install meets the
 * same failure on its own thread and reports it there.
 */
final class InstallWarmUp {

    /**
     * An Ed25519 public key (as SubjectPublicKeyInfo) and its signature of {@link #TEST_MESSAGE}'s
     * ASCII bytes, made for this class; the private key was not kept.
     */
    private static final String TEST_KEY = "302a300506032b6570032100"
            + "358d2adb35369d85453fd3712907fea5e74c5bacd04a306da6a731049be2e938";
    private static final String TEST_MESSAGE = "warm-up";
    private static final String TEST_SIGNATURE = "78f4ad91ba737756e48ee3781c570471868eb6e5408fb315f2cf075660d639c1"
            + "d2f62085265d042ddf27ba9b6c952eda08c01497c7d138e05f973d3e1c159308";

    /** What an install writes with {@link ContractJson}, in the order it first does. */
    private static final List<Class<?>> WRITTEN = List.of(Confirmation.class, InstallEvent.Started.class,
            InstallEvent.Verified.class, InstallEvent.Planned.class, JournalRecord.InstallBegun.class,
            JournalRecord.ActionBegun.class, JournalRecord.Steps.class, InstallEvent.ActionStarted.class,
            InstallEvent.ActionSucceeded.class, JournalRecord.ActionDone.class, JournalRecord.Committed.class,
            Inventory.class, HistoryEntry.class, JournalRecord.Ended.class, InstallEvent.Finished.class,
            JournalRecord.Finished.class);

    private static final long STACK_BYTES = 1024 * 1024;

    private InstallWarmUp() {
    }

    /** Starts the work on a daemon thread: the process never waits for it. */
    static void start() {
        Thread thread = new Thread(null, InstallWarmUp::run, "sup-warm-up", STACK_BYTES);
        thread.setDaemon(true);
        thread.start();
    }

    private static void run() {
        try {
            prepare();
        } catch (GeneralSecurityException | RuntimeException | LinkageError e) {
            // Only a head start: the install does all of this again where it needs it.
        }
    }

    /**
     * The work, in the order the install first needs it. Jackson's mappers first: the class every
     * mapper shares has a static set-up of about 40 ms of CPU (its date format's locale data), which
     * the main thread, parsing the command line meanwhile, would otherwise do when it reads the
     * gateway config.
     */
    static void prepare() throws GeneralSecurityException {
        ObjectMapper json = SupJson.json();
        verifyTestSignature();
        json.readerFor(Manifest.class);
        ObjectMapper contract = ContractJson.mapper();
        contract.writerFor(Confirmation.class);
        MessageDigest.getInstance("SHA-256");
        json.writerFor(Manifest.class);
        WRITTEN.forEach(contract::writerFor);
        contract.readerFor(Confirmation.class);
        contract.readerFor(Inventory.class);
    }

    /** Decodes the test key and verifies its signature: true, unless the JCA is broken. */
    static boolean verifyTestSignature() throws GeneralSecurityException {
        HexFormat hex = HexFormat.of();
        PublicKey key = KeyFactory.getInstance("Ed25519")
                .generatePublic(new X509EncodedKeySpec(hex.parseHex(TEST_KEY)));
        Signature signature = Signature.getInstance("Ed25519");
        signature.initVerify(key);
        signature.update(TEST_MESSAGE.getBytes(StandardCharsets.US_ASCII));
        return signature.verify(hex.parseHex(TEST_SIGNATURE));
    }
}
