package org.suptools.tr50;

import java.time.Instant;
import java.util.Optional;

/**
 * {@code alarm.publish {thingKey, key, state, msg, ts}}: puts one of the thing's alarms in a state
 * (the states are the alarm's own, numbered from 0).
 *
 * @param thingKey the thing; absent means the connected thing
 * @param key the alarm's key
 * @param state the new state, 0 or more
 * @param msg text that goes with the state change
 * @param ts when it changed
 */
public record AlarmPublish(Optional<String> thingKey, String key, int state, Optional<String> msg,
        Optional<Instant> ts) implements Tr50Command {

    public static final String NAME = "alarm.publish";

    public AlarmPublish {
        Checks.nonBlank("thingKey", thingKey);
        Checks.singleLine("key", key);
        Checks.atLeast("state", 0, state);
        Checks.optional("msg", msg);
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
        out.put("key", key).put("state", state);
        msg.ifPresent(v -> out.put("msg", v));
        ts.ifPresent(v -> out.put("ts", v.toString()));
        return out.build();
    }

    static AlarmPublish read(FieldReader in) throws Tr50Exception {
        Optional<String> thingKey = in.optionalString("thingKey");
        String key = in.string("key");
        int state = in.integer("state");
        Optional<String> msg = in.optionalString("msg");
        Optional<Instant> ts = in.optionalInstant("ts");
        return in.build(() -> new AlarmPublish(thingKey, key, state, msg, ts));
    }
}
