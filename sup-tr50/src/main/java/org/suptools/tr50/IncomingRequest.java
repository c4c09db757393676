package org.suptools.tr50;

import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * A request as a server reads it: command by command, so that one bad command gets a failure
 * result under its id while the others are answered. Only problems with the envelope itself (not
 * JSON, not an object, a key that is not an id) refuse the whole request.
 *
 * @param entries each command, read or refused, by id
 */
public record IncomingRequest(SortedMap<RequestId, IncomingRequest.Entry> entries) {

    public IncomingRequest {
        entries = Tr50Request.copy(entries, "entries");
    }

    /** One command of the request, as read. */
    public sealed interface Entry permits Read, Refused {
    }

    /** A command that was read; an unknown name reads as an {@link UnknownCommand}. */
    public record Read(Tr50Command command) implements Entry {

        public Read {
            Checks.present("command", command);
        }
    }

    /**
     * A command that could not be read.
     *
     * @param problem one line naming the field, such as {@code "2".params.limit: must be at least 1, was 0}
     */
    public record Refused(String problem) implements Entry {

        public Refused {
            Checks.nonBlank("problem", problem);
        }
    }

    /** The reply: each command's result from {@code onCommand}, each refused one's from {@code onRefused}. */
    public Tr50Response answer(Function<Tr50Command, Tr50Result> onCommand, Function<String, Tr50Result> onRefused) {
        SortedMap<RequestId, Tr50Result> results = new TreeMap<>();
        entries.forEach((id, entry) -> results.put(id, entry instanceof Read read
                ? onCommand.apply(read.command()) : onRefused.apply(((Refused) entry).problem())));
        return new Tr50Response(results);
    }
}
