package org.suptools.model.action;

import java.util.Arrays;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Looks up an enum constant by the name users write, with an error that lists the choices. */
public final class Names {

    private Names() {
    }

    public static <E extends Enum<E>> E lookup(E[] values, Function<E, String> name, String text, String what) {
        for (E value : values) {
            if (name.apply(value).equals(text)) {
                return value;
            }
        }
        String known = Arrays.stream(values).map(name).collect(Collectors.joining(", "));
        throw new IllegalArgumentException("unknown " + what + " '" + text + "' (known: " + known + ")");
    }
}
