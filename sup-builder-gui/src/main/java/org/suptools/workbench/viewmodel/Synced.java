package org.suptools.workbench.viewmodel;

import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import javafx.beans.property.Property;

/**
 * Keeps a property a view binds to in step with a value of the document. A change of the property
 * becomes an edit (through {@code write}); a change of the document (an undo, another edit) is
 * shown in the property, unless the property already says the same thing in other words, so
 * that text being typed is never rewritten under the cursor.
 *
 * @param <P> the property's type (text in a field)
 * @param <M> the value as the document holds it (a list, a flag...)
 */
final class Synced<P, M> {

    private final Property<P> property;
    private final Supplier<M> read;
    private final Function<P, M> parse;
    private final Function<M, P> format;
    private boolean updating;

    Synced(Property<P> property, Supplier<M> read, Function<P, M> parse, Function<M, P> format, Consumer<M> write) {
        this.property = property;
        this.read = read;
        this.parse = parse;
        this.format = format;
        property.addListener((obs, old, now) -> {
            if (!updating) {
                write.accept(parse.apply(now));
            }
        });
        refresh();
    }

    static <T> Synced<T, T> direct(Property<T> property, Supplier<T> read, Consumer<T> write) {
        return new Synced<>(property, read, Function.identity(), Function.identity(), write);
    }

    void refresh() {
        M value = read.get();
        if (!Objects.equals(parse.apply(property.getValue()), value)) {
            updating = true;
            try {
                property.setValue(format.apply(value));
            } finally {
                updating = false;
            }
        }
    }

    Property<P> property() {
        return property;
    }
}
