package org.suptools.model.gateway;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.suptools.model.json.DocumentFiles;
import org.suptools.model.json.DocumentFiles.DocumentException;
import org.suptools.model.problem.Problem;
import org.suptools.model.version.SemVer;

/**
 * The {@code identity} section of a gateway configuration file (the installer's
 * {@code gateway.yaml}, or JSON when the name ends in {@code .json}; docs/reference/gateway-config.md), and the
 * checks both the installer and {@code sup plan} make of it. The other sections belong to the
 * installer, which reads and checks the whole file.
 */
public final class GatewayConfigFile {

    /** The installer's limit on a gateway configuration file. */
    public static final long MAX_BYTES = 1024 * 1024;
    public static final String KIND = "a gateway configuration";

    private GatewayConfigFile() {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record IdentityOnly(Identity identity) {
    }

    /** The section as written; every field optional here so that the check can name what is missing. */
    record Identity(String product, String os, String architecture, SemVer runtimeVersion, String thingKey) {
    }

    /** Reads the gateway's profile from the file's identity section; the rest of the file is not checked. */
    public static GatewayProfile readProfile(Path file) throws ConfigException {
        IdentityOnly read;
        try {
            read = DocumentFiles.read(file, IdentityOnly.class, MAX_BYTES, KIND);
        } catch (DocumentException e) {
            throw new ConfigException(file, List.of(e.problem()));
        }
        List<Problem> problems = new ArrayList<>();
        GatewayProfile profile;
        if (read.identity() == null) {
            problems.add(missingIdentity());
            profile = null;
        } else {
            Identity identity = read.identity();
            profile = profile(identity.product(), identity.os(), identity.architecture(), identity.runtimeVersion(),
                    problems);
        }
        if (profile == null) {
            throw new ConfigException(file, problems);
        }
        return profile;
    }

    /** The problem of a file without an identity section. */
    public static Problem missingIdentity() {
        return Problem.error("identity", "is required (product, os, architecture, runtimeVersion)");
    }

    /**
     * The profile the fields of an identity section make, each as written (null when absent); null
     * when one is missing, after adding a problem for each (located as {@code identity.os}).
     */
    public static GatewayProfile profile(String product, String os, String architecture, SemVer runtimeVersion,
            List<Problem> problems) {
        int before = problems.size();
        required(product, "identity.product", problems);
        required(os, "identity.os", problems);
        required(architecture, "identity.architecture", problems);
        if (runtimeVersion == null) {
            problems.add(Problem.error("identity.runtimeVersion", "is required (the installed runtime's version, "
                    + "such as 5.1.0)"));
        }
        return problems.size() == before ? new GatewayProfile(product, os, architecture, runtimeVersion) : null;
    }

    private static void required(String value, String field, List<Problem> problems) {
        if (value == null || value.isBlank()) {
            problems.add(Problem.error(field, "is required"));
        }
    }
}
