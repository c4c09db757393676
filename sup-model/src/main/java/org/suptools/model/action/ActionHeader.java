package org.suptools.model.action;

import java.util.Optional;

/**
 * What every action has besides its parameters: a unique id, a description, an optional
 * {@code when} condition, an optional timeout (the installer's default applies when absent) and
 * what a failure does to the package.
 */
public record ActionHeader(
        String id,
        Optional<String> description,
        Optional<Condition> when,
        Optional<Timeout> timeout,
        ErrorPolicy onError) {

    public ActionHeader {
        Fields.id(id);
        description = Fields.optional(description);
        when = Fields.optional(when);
        timeout = Fields.optional(timeout);
        onError = onError == null ? ErrorPolicy.FAIL : onError;
    }

    /** A header with only an id: no description, no condition, default timeout, fail on error. */
    public static ActionHeader of(String id) {
        return new ActionHeader(id, Optional.empty(), Optional.empty(), Optional.empty(), ErrorPolicy.FAIL);
    }

    public ActionHeader withId(String newId) {
        return new ActionHeader(newId, description, when, timeout, onError);
    }
}
