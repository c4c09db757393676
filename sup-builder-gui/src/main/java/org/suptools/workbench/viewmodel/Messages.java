package org.suptools.workbench.viewmodel;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import org.suptools.model.problem.Problem;
import org.suptools.workbench.document.Assembly;

/**
 * The inline message of each field: the problems the validator reported at the field's location
 * (or inside it), errors first, kept up to date as the document changes.
 */
final class Messages {

    private final Map<String, ReadOnlyStringWrapper> byKey = new HashMap<>();
    private final Function<String, String> locationOfKey;
    private Assembly assembly;

    /** @param locationOfKey the location a field key stands for now (the selected action may change) */
    Messages(Function<String, String> locationOfKey) {
        this.locationOfKey = locationOfKey;
    }

    ReadOnlyStringProperty of(String key) {
        return byKey.computeIfAbsent(key, k -> {
            ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, k, "");
            message.set(text(k));
            return message;
        }).getReadOnlyProperty();
    }

    void update(Assembly newAssembly) {
        this.assembly = newAssembly;
        byKey.forEach((key, message) -> message.set(text(key)));
    }

    private String text(String key) {
        if (assembly == null) {
            return "";
        }
        String location = locationOfKey.apply(key);
        if (location == null) {
            return "";
        }
        List<Problem> problems = assembly.at(location);
        return problems.stream()
                .sorted((a, b) -> Boolean.compare(b.isError(), a.isError()))
                .map(p -> (p.isError() ? "" : "warning: ") + p.message()
                        + (p.location().equals(location) ? "" : " (" + p.location().substring(location.length()).replaceFirst("^\\.", "") + ")"))
                .collect(Collectors.joining("\n"));
    }
}
