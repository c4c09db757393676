package org.suptools.tr50;

import java.util.Optional;

/**
 * {@code method.exec {thingKey, method, params, ackTimeout, singleton}}: runs a method on a thing.
 * Sent by an application, it names the thing; inside a mailbox message it carries only
 * {@code {method, params}} (the message says which thing). For {@code gateway.sup.update} the
 * params read as a {@link GatewaySupUpdate}.
 *
 * @param thingKey the thing to run the method on; absent inside a mailbox message
 * @param method the method's name, such as {@code gateway.sup.update}
 * @param params the method's params, free-form; written even when empty
 * @param ackTimeout seconds the thing has to ack
 * @param singleton whether this call replaces an earlier pending one of the same method
 */
public record MethodExec(Optional<String> thingKey, String method, Params params, Optional<Integer> ackTimeout,
        Optional<Boolean> singleton) implements Tr50Command {

    public static final String NAME = "method.exec";

    public MethodExec {
        Checks.nonBlank("thingKey", thingKey);
        Checks.singleLine("method", method);
        Checks.present("params", params);
        Checks.atLeast("ackTimeout", 1, ackTimeout);
        Checks.optional("singleton", singleton);
    }

    /** The form a mailbox message carries: {@code {method, params}}. */
    public static MethodExec of(String method, Params params) {
        return new MethodExec(Optional.empty(), method, params, Optional.empty(), Optional.empty());
    }

    /** The {@code gateway.sup.update} call of a campaign. */
    public static MethodExec of(GatewaySupUpdate update) {
        return of(GatewaySupUpdate.METHOD, update.toParams());
    }

    @Override
    public String commandName() {
        return NAME;
    }

    @Override
    public Params toParams() {
        Params.Builder out = Params.builder();
        thingKey.ifPresent(v -> out.put("thingKey", v));
        out.put("method", method).put("params", params);
        ackTimeout.ifPresent(v -> out.put("ackTimeout", v));
        singleton.ifPresent(v -> out.put("singleton", v));
        return out.build();
    }

    static MethodExec read(FieldReader in) throws Tr50Exception {
        Optional<String> thingKey = in.optionalString("thingKey");
        String method = in.string("method");
        Params params = in.params("params");
        Optional<Integer> ackTimeout = in.optionalInteger("ackTimeout");
        Optional<Boolean> singleton = in.optionalBool("singleton");
        return in.build(() -> new MethodExec(thingKey, method, params, ackTimeout, singleton));
    }
}
