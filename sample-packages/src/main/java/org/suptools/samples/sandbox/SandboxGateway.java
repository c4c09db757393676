package org.suptools.samples.sandbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.suptools.model.json.SupJson;
import org.suptools.samples.runtime.RuntimeHomeLayout;

/**
 * What the sandbox's {@code gateway.yaml} says: the runtime home {@code dwcore} and the state
 * directory {@code state} beside the config, the trust store {@code trust} (or unsigned packages
 * allowed when no key is given), the gateway's identity, and the sample runtime's {@code
 * runtime-ctl} as the start, stop and status commands.
 *
 * @param home the runtime home, absolute: the runtime commands name it
 * @param trusted whether the config has a trust store
 * @param healthWait as the user wrote it, already checked
 */
record SandboxGateway(Path home, boolean trusted, String product, String os, String architecture,
        String runtimeVersion, String thingKey, String healthWait) {

    /** The runtime home and the state and trust directories, relative to the config's directory. */
    static final String HOME = "dwcore";
    static final String STATE = "state";
    static final String TRUST = "trust";

    SandboxGateway {
        Objects.requireNonNull(home, "home");
        if (!home.isAbsolute()) {
            throw new IllegalArgumentException("home: must be absolute, not " + home);
        }
        for (String value : new String[] {product, os, architecture, runtimeVersion, thingKey, healthWait}) {
            Objects.requireNonNull(value, "identity and health wait");
        }
    }

    /** The YAML text. Every value is written as a JSON string, which YAML reads as it is, whatever it holds. */
    String yaml() {
        StringBuilder yaml = new StringBuilder();
        yaml.append("# A sandbox gateway made by 'sup-sandbox'. docs/reference/gateway-config.md describes every field.\n");
        yaml.append("runtimeHome: ").append(HOME).append('\n');
        yaml.append("stateDir: ").append(STATE).append('\n');
        if (trusted) {
            yaml.append("trust:\n  store: ").append(TRUST).append("\n  threshold: 1\n");
        } else {
            yaml.append("# No --trust keys were given: packages are checked for integrity only.\n");
            yaml.append("allowUnsigned: true\n");
        }
        yaml.append("identity:\n");
        yaml.append("  product: ").append(quote(product)).append('\n');
        yaml.append("  os: ").append(quote(os)).append('\n');
        yaml.append("  architecture: ").append(quote(architecture)).append('\n');
        yaml.append("  runtimeVersion: ").append(quote(runtimeVersion)).append('\n');
        yaml.append("  thingKey: ").append(quote(thingKey)).append('\n');
        yaml.append("runtime:\n");
        for (String verb : List.of("start", "stop", "status")) {
            yaml.append("  ").append(verb).append(": [").append(quote(RuntimeHomeLayout.CTL)).append(", ").append(verb)
                    .append(", ").append(quote(home.toString())).append("]\n");
        }
        yaml.append("  commandTimeout: ").append(RuntimeStarter.shown(RuntimeStarter.COMMAND_TIMEOUT)).append('\n');
        yaml.append("  healthWait: ").append(quote(healthWait)).append('\n');
        yaml.append("defaultActionTimeout: 5m\n");
        return yaml.toString();
    }

    private static String quote(String text) {
        try {
            return SupJson.json().writeValueAsString(text);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
