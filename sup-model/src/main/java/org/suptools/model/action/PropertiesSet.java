package org.suptools.model.action;

import java.util.List;
import java.util.Map;

/**
 * Sets and removes keys in a Java properties file such as {@code dwcore.user.properties}, keeping
 * its comments and order; new keys are appended. A missing file fails unless {@code create}.
 * Undo: restore the file.
 */
public record PropertiesSet(ActionHeader header, String file, Map<String, String> set, List<String> remove,
        boolean create) implements Action {

    public PropertiesSet {
        java.util.Objects.requireNonNull(header, "header");
        Fields.text(file, "file");
        set = Fields.orderedMap(set, "set");
        remove = Fields.list(remove, "remove");
        if (set.isEmpty() && remove.isEmpty()) {
            throw new IllegalArgumentException("set: at least one key to set or remove is required");
        }
        for (String key : remove) {
            if (set.containsKey(key)) {
                throw new IllegalArgumentException("remove: key '" + key + "' is also in set");
            }
        }
    }

    @Override
    public PropertiesSet withHeader(ActionHeader newHeader) {
        return new PropertiesSet(newHeader, file, set, remove, create);
    }

    @Override
    public List<FieldValue> gatewayPaths() {
        return List.of(new FieldValue("file", file));
    }

    @Override
    public String summary() {
        StringBuilder text = new StringBuilder(file).append(':');
        set.forEach((k, v) -> text.append(' ').append(k).append('=').append(v));
        remove.forEach(k -> text.append(" -").append(k));
        return text.toString();
    }
}
