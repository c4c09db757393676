package org.suptools.installer.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.suptools.model.signing.KeyFileException;
import org.suptools.model.signing.TrustStore;
import org.suptools.model.problem.FileReasons;
import org.suptools.model.problem.Problem;

/**
 * The checks of a gateway config against this machine, made before the installer takes its
 * lock or writes anything: the runtime home and the allowed roots are existing directories, the
 * trust store holds usable public keys, the state and logs directories can really be written
 * (a probe file is made and removed: root ignores mode bits, a read-only mount does not), and,
 * for {@code check-config}, the runtime commands given as paths are executable files. Each check
 * adds its problems, naming the field, to the list it is given.
 */
final class MachineChecks {

    private static final String PROBE_PREFIX = ".sup-write-check-";

    private MachineChecks() {
    }

    static void runtimeHome(Path home, List<Problem> problems) {
        if (!Files.isDirectory(home)) {
            problems.add(Problem.error("runtimeHome", home + " " + FileReasons.whatItIs(home)
                    + "; it must be the runtime's existing home directory"));
        }
    }

    static void allowedRoot(Path root, String field, List<Problem> problems) {
        if (!Files.isDirectory(root)) {
            problems.add(Problem.error(field, root + " " + FileReasons.whatItIs(root)
                    + "; an allowed root must be an existing directory"));
        }
    }

    /** The trust store's keys, or null after adding a problem naming the store and the file at fault. */
    static TrustStore trustStore(Path store, List<Problem> problems) {
        if (!Files.exists(store)) {
            problems.add(Problem.error("trust.store", store + " " + FileReasons.whatItIs(store)
                    + "; it must be a directory of PEM public keys (*.pub, *.pem) or one such file"));
            return null;
        }
        TrustStore keys;
        try {
            keys = TrustStore.load(store);
        } catch (KeyFileException e) {
            problems.add(Problem.error("trust.store", "unusable key file " + e.getMessage()
                    + "; the trust store must hold public keys only"));
            return null;
        }
        if (keys.isEmpty()) {
            problems.add(Problem.error("trust.store", store + " holds no public key (*.pub or *.pem files); "
                    + "every package would be refused"));
            return null;
        }
        return keys;
    }

    static void threshold(int threshold, TrustStore keys, List<Problem> problems) {
        if (keys != null && threshold > keys.keyIds().size()) {
            problems.add(Problem.error("trust.threshold", threshold + " signatures are required but the trust store "
                    + "holds " + keys.keyIds().size() + " key" + (keys.keyIds().size() == 1 ? "" : "s")
                    + "; no package could ever be installed"));
        }
    }

    /**
     * Whether the installer can create files in {@code dir}, or, when it does not exist yet, in its
     * nearest existing ancestor (where the installer would create it): tried for real.
     */
    static void writable(Path dir, String field, List<Problem> problems) {
        Path existing = dir;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            problems.add(Problem.error(field, dir + " cannot be created: no part of it exists"));
            return;
        }
        if (!Files.isDirectory(existing)) {
            problems.add(Problem.error(field, existing.equals(dir)
                    ? dir + " " + FileReasons.whatItIs(dir) + ", not a directory"
                    : dir + " cannot be created: " + existing + " " + FileReasons.whatItIs(existing)));
            return;
        }
        try {
            Path probe = Files.createTempFile(existing, PROBE_PREFIX, ".tmp");
            Files.delete(probe);
        } catch (IOException | UnsupportedOperationException e) {
            String where = existing.equals(dir) ? dir.toString() : dir + " (it would be created in " + existing + ")";
            problems.add(Problem.error(field, "cannot write in " + where + ": " + reason(e)
                    + "; the installer keeps its " + (field.equals("logsDir") ? "reports" : "lock, journal and backups")
                    + " there"));
        }
    }

    private static String reason(Exception e) {
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof java.nio.file.FileSystemException fs && fs.getReason() != null) {
            return fs.getReason().toLowerCase(java.util.Locale.ROOT);
        }
        return "not writable";
    }

    /** A program given as a path must be an executable file; a bare name is found on the PATH when it runs. */
    static void command(List<String> command, String field, List<Problem> problems) {
        if (command == null || command.isEmpty()) {
            return;
        }
        String program = command.get(0);
        if (!program.contains("/")) {
            return;
        }
        Path path = Path.of(program);
        if (!Files.isRegularFile(path)) {
            problems.add(Problem.error(field + "[0]", program + " " + FileReasons.whatItIs(path)
                    + "; the runtime command must be an executable file"));
        } else if (!Files.isExecutable(path)) {
            problems.add(Problem.error(field + "[0]", program + " is not executable (chmod +x it)"));
        }
    }
}
