package org.suptools.workbench.document;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.List;

/**
 * A row of a table the package screen edits cell by cell (a target, a requirement): a record whose
 * components are text cells named as the spec names its fields, so that one codec, one assembler
 * step and one table serve every such list.
 *
 * @param <D> the row's own type, so that replacing a cell gives a row of the same kind
 */
public interface RowDraft<D extends RowDraft<D>> {

    /** The fields of a row, in the order specs write them: its record components. */
    default List<String> fields() {
        return Arrays.stream(components()).map(RecordComponent::getName).toList();
    }

    /** The value of a cell by its field name as specs write it. */
    default String get(String field) {
        RecordComponent[] components = components();
        try {
            return (String) components[indexOf(components, field)].getAccessor().invoke(this);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("cannot read " + field + " of " + getClass().getSimpleName(), e);
        }
    }

    /** This row with one cell replaced. */
    default D with(String field, String value) {
        RecordComponent[] components = components();
        int index = indexOf(components, field);
        Object[] cells = new Object[components.length];
        Class<?>[] types = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            cells[i] = i == index ? value : get(components[i].getName());
            types[i] = components[i].getType();
        }
        try {
            @SuppressWarnings("unchecked")
            D row = (D) getClass().getDeclaredConstructor(types).newInstance(cells);
            return row;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot make a " + getClass().getSimpleName(), e);
        }
    }

    private RecordComponent[] components() {
        if (!getClass().isRecord()) {
            throw new IllegalStateException(getClass().getSimpleName() + " is a row draft but not a record");
        }
        return getClass().getRecordComponents();
    }

    private int indexOf(RecordComponent[] components, String field) {
        for (int i = 0; i < components.length; i++) {
            if (components[i].getName().equals(field)) {
                return i;
            }
        }
        throw new IllegalArgumentException("no field " + field + " in a " + getClass().getSimpleName());
    }
}
