package org.suptools.model.action;

import com.fasterxml.jackson.annotation.JsonFormat;
import java.util.List;

/**
 * The {@code when} of an action: it runs only on gateways whose OS, product and architecture are
 * each among the listed values. An empty list places no constraint, so one package can serve
 * several gateway types.
 */
public record Condition(
        @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY) List<String> os,
        @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY) List<String> product,
        @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY) List<String> architecture) {

    public Condition {
        os = copyOf(os, "os");
        product = copyOf(product, "product");
        architecture = copyOf(architecture, "architecture");
        if (os.isEmpty() && product.isEmpty() && architecture.isEmpty()) {
            throw new IllegalArgumentException("when: must name at least one of os, product, architecture");
        }
    }

    /** True when a gateway with this identity satisfies every constraint. */
    public boolean matches(String gatewayOs, String gatewayProduct, String gatewayArchitecture) {
        return allows(os, gatewayOs) && allows(product, gatewayProduct) && allows(architecture, gatewayArchitecture);
    }

    /** A readable form for lists and logs: {@code os=linux product=gw-a|gw-b}. */
    public String summary() {
        StringBuilder text = new StringBuilder();
        append(text, "os", os);
        append(text, "product", product);
        append(text, "architecture", architecture);
        return text.toString();
    }

    private static boolean allows(List<String> allowed, String value) {
        return allowed.isEmpty() || allowed.contains(value);
    }

    private static void append(StringBuilder text, String name, List<String> values) {
        if (!values.isEmpty()) {
            if (!text.isEmpty()) {
                text.append(' ');
            }
            text.append(name).append('=').append(String.join("|", values));
        }
    }

    private static List<String> copyOf(List<String> values, String field) {
        if (values == null) {
            return List.of();
        }
        for (String value : values) {
            if (value == null || value.isBlank()) {
                throw new IllegalArgumentException(field + ": values must not be blank");
            }
        }
        return List.copyOf(values);
    }
}
