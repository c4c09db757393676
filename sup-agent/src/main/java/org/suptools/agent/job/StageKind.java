package org.suptools.agent.job;

import java.util.Locale;
import java.util.Optional;

/** The three stages of an update an operator can approve: {@code --type=download|execution|activation}. */
public enum StageKind {
    DOWNLOAD, EXECUTION, ACTIVATION;

    /** The name on the command line and in {@code gateway.sup.schedule}: {@code download}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<StageKind> ofLabel(String label) {
        for (StageKind kind : values()) {
            if (kind.label().equals(label)) {
                return Optional.of(kind);
            }
        }
        return Optional.empty();
    }
}
