package org.suptools.model.gateway;

import java.util.Optional;
import org.suptools.model.manifest.Requirement;
import org.suptools.model.version.SemVer;

/**
 * One entry of a package's {@code requires} held against what the gateway has installed.
 *
 * @param index     its place in {@code requires}, from 0
 * @param installed the version of the required package on the gateway, if it is there at all
 */
public record RequirementCheck(int index, Requirement requirement, Optional<SemVer> installed) {

    public RequirementCheck {
        installed = installed == null ? Optional.empty() : installed;
    }

    public boolean met() {
        return installed.map(version -> requirement.version().contains(version)).orElse(false);
    }

    /** {@code requires[0]}, where the requirement stands in the package. */
    public String location() {
        return "requires[" + index + "]";
    }

    /** {@code needs acme-base >=1.0.0, which is not installed}; met or not, what was found. */
    public String message() {
        String needs = "needs " + requirement.name() + " " + requirement.version();
        if (installed.isEmpty()) {
            return needs + ", which is not installed";
        }
        return met() ? needs + "; " + installed.get() + " is installed" : needs + ", but " + installed.get()
                + " is installed";
    }
}
