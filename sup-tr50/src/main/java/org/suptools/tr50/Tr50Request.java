package org.suptools.tr50;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A TR50 request: numbered commands, {@code {"1": {"command": ..., "params": {...}}, "2": ...}},
 * written in the order of their ids. The installer's {@code tr50-reply.json} is one (the commands
 * the gateway sends the portal); so is each {@code api/<n>} message of the agent.
 *
 * @param commands at least one command, by id
 */
public record Tr50Request(SortedMap<RequestId, Tr50Command> commands) {

    public Tr50Request {
        commands = copy(commands, "commands");
    }

    /** The commands numbered 1, 2, ... in the given order. */
    public static Tr50Request of(List<? extends Tr50Command> commands) {
        SortedMap<RequestId, Tr50Command> numbered = new TreeMap<>();
        RequestId id = RequestId.of(1);
        for (Tr50Command command : commands) {
            numbered.put(id, command);
            id = id.next();
        }
        return new Tr50Request(numbered);
    }

    public static Tr50Request of(Tr50Command command) {
        return of(List.of(command));
    }

    public Optional<Tr50Command> command(RequestId id) {
        return Optional.ofNullable(commands.get(id));
    }

    public int size() {
        return commands.size();
    }

    static <V> SortedMap<RequestId, V> copy(Map<RequestId, V> entries, String field) {
        Checks.present(field, entries);
        if (entries.isEmpty()) {
            throw new InvalidFieldException(field, "an envelope holds at least one entry");
        }
        SortedMap<RequestId, V> copy = new TreeMap<>();
        entries.forEach((id, value) -> copy.put(Checks.present(field + " key", id), Checks.present(field + "[" + id + "]", value)));
        return Collections.unmodifiableSortedMap(copy);
    }
}
