package org.suptools.tr50;

import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A TR50 reply: the result of each command of a request, under the command's id,
 * {@code {"1": {"success": true, ...}, "2": ...}}. It arrives on {@code reply/<n>} for the
 * request sent on {@code api/<n>}.
 *
 * @param results at least one result, by id
 */
public record Tr50Response(SortedMap<RequestId, Tr50Result> results) {

    public Tr50Response {
        results = Tr50Request.copy(results, "results");
    }

    /** A response to a single command, under id 1. */
    public static Tr50Response of(Tr50Result result) {
        SortedMap<RequestId, Tr50Result> one = new TreeMap<>();
        one.put(RequestId.of(1), result);
        return new Tr50Response(one);
    }

    /** The result of the command with this id, if the reply has one. */
    public Optional<Tr50Result> result(RequestId id) {
        return Optional.ofNullable(results.get(id));
    }
}
