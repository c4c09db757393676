package org.suptools.tr50;

import java.time.Instant;
import java.util.Optional;

/**
 * {@code log.publish {thingKey, ts, msg, level, corrId}}: one line for the thing's log in the
 * portal. The installer sends one per audit line, with the mailbox message's id as {@code corrId}.
 *
 * @param thingKey the thing the line is about; absent means the connected thing
 * @param ts when it happened, written as ISO-8601 ({@link Instant#toString()})
 * @param msg the text
 * @param level 0 error, 1 warning, 2 info
 * @param corrId ties the line to a mailbox message
 */
public record LogPublish(Optional<String> thingKey, Optional<Instant> ts, String msg, Optional<LogLevel> level,
        Optional<String> corrId) implements Tr50Command {

    public static final String NAME = "log.publish";

    public LogPublish {
        Checks.nonBlank("thingKey", thingKey);
        Checks.optional("ts", ts);
        Checks.present("msg", msg);
        Checks.optional("level", level);
        Checks.nonBlank("corrId", corrId);
    }

    @Override
    public String commandName() {
        return NAME;
    }

    @Override
    public Params toParams() {
        Params.Builder out = Params.builder();
        thingKey.ifPresent(v -> out.put("thingKey", v));
        ts.ifPresent(v -> out.put("ts", v.toString()));
        out.put("msg", msg);
        level.ifPresent(v -> out.put("level", v.code()));
        corrId.ifPresent(v -> out.put("corrId", v));
        return out.build();
    }

    static LogPublish read(FieldReader in) throws Tr50Exception {
        Optional<String> thingKey = in.optionalString("thingKey");
        Optional<Instant> ts = in.optionalInstant("ts");
        String msg = in.string("msg");
        Optional<Integer> code = in.optionalInteger("level");
        Optional<LogLevel> level = code.map(LogLevel::ofCode).orElse(Optional.empty());
        if (code.isPresent() && level.isEmpty()) {
            throw in.location().field("level").problem("must be 0 (error), 1 (warning) or 2 (info), found "
                    + code.get());
        }
        Optional<String> corrId = in.optionalString("corrId");
        return in.build(() -> new LogPublish(thingKey, ts, msg, level, corrId));
    }
}
