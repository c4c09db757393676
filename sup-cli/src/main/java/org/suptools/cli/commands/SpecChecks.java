package org.suptools.cli.commands;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.suptools.model.archive.PayloadSource;
import org.suptools.model.manifest.PayloadFile;
import org.suptools.model.spec.LoadedSpec;
import org.suptools.model.spec.SpecFiles;
import org.suptools.model.spec.SpecPayload;
import org.suptools.model.validation.Problem;

/** Every problem of a loaded spec, as validate reports them and build refuses them. */
final class SpecChecks {

    private SpecChecks() {
    }

    static List<Problem> of(LoadedSpec loaded, Instant now) {
        List<Problem> problems = new ArrayList<>(SpecFiles.check(loaded, now));
        problems.addAll(unstorablePayloadNames(loaded));
        return problems;
    }

    /**
     * Payload files whose names the archive cannot hold (a ':' or a backslash, say). The model's
     * checks do not look at payload file names; its archive writer refuses them with an
     * IllegalArgumentException, which would surface here as an internal error.
     */
    private static List<Problem> unstorablePayloadNames(LoadedSpec loaded) {
        List<Problem> problems = new ArrayList<>();
        for (SpecPayload payload : loaded.payloads()) {
            try {
                new PayloadSource(PayloadFile.PREFIX + payload.name(), payload.file());
            } catch (IllegalArgumentException e) {
                String reason = e.getMessage().startsWith("path: ") ? e.getMessage().substring(6) : e.getMessage();
                problems.add(Problem.error("payloads", reason + "; rename the file"));
            }
        }
        return problems;
    }
}
