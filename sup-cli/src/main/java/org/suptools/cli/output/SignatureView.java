package org.suptools.cli.output;

import com.fasterxml.jackson.databind.node.ArrayNode;
import java.util.stream.Collectors;
import org.suptools.model.signing.SignatureSet;

/** How signatures are shown: {@code 1a2b3c4d5e6f7a8b (ed25519)} in text, keyId and algorithm in JSON. */
public final class SignatureView {

    private SignatureView() {
    }

    public static String summary(SignatureSet signatures) {
        if (signatures.isEmpty()) {
            return "no (unsigned)";
        }
        return "by " + signatures.signatures().stream()
                .map(s -> s.keyId() + " (" + s.algorithm().id() + ")")
                .collect(Collectors.joining(", "));
    }

    public static ArrayNode json(SignatureSet signatures) {
        ArrayNode array = JsonOutput.array();
        signatures.signatures().forEach(s -> array.addObject().put("keyId", s.keyId()).put("algorithm", s.algorithm().id()));
        return array;
    }
}
