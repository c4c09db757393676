package org.suptools.tr50;

import java.time.Instant;
import java.util.Optional;

/**
 * {@code attribute.publish {thingKey, key, value, ts}}: sets one of the thing's string attributes,
 * such as the installed version of a package.
 *
 * @param thingKey the thing; absent means the connected thing
 * @param key the attribute's key
 * @param value its new value (TR50 attributes are strings)
 * @param ts when the value was taken
 */
public record AttributePublish(Optional<String> thingKey, String key, String value, Optional<Instant> ts)
        implements Tr50Command {

    public static final String NAME = "attribute.publish";

    public AttributePublish {
        Checks.nonBlank("thingKey", thingKey);
        Checks.singleLine("key", key);
        Checks.present("value", value);
        Checks.optional("ts", ts);
    }

    @Override
    public String commandName() {
        return NAME;
    }

    @Override
    public Params toParams() {
        Params.Builder out = Params.builder();
        thingKey.ifPresent(v -> out.put("thingKey", v));
        out.put("key", key).put("value", value);
        ts.ifPresent(v -> out.put("ts", v.toString()));
        return out.build();
    }

    static AttributePublish read(FieldReader in) throws Tr50Exception {
        Optional<String> thingKey = in.optionalString("thingKey");
        String key = in.string("key");
        String value = in.string("value");
        Optional<Instant> ts = in.optionalInstant("ts");
        return in.build(() -> new AttributePublish(thingKey, key, value, ts));
    }
}
