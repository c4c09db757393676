package org.suptools.workbench.viewmodel;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.suptools.workbench.document.PackageDocument;
import org.suptools.workbench.document.RowDraft;

/**
 * One table of the package screen, such as the targets or the requirements: its rows kept in step
 * with the document, and adding, removing and editing a cell, each one undoable edit.
 *
 * @param <D> the kind of row
 */
public final class TableEditor<D extends RowDraft<D>> {

    private final DocumentModel model;
    private final String field;
    private final String noun;
    private final List<String> columns;
    private final Function<PackageDocument, List<D>> read;
    private final BiFunction<PackageDocument, List<D>, PackageDocument> write;
    private final Supplier<D> newRow;
    private final Pattern cellLocation;
    private final ObservableList<D> rows = FXCollections.observableArrayList();

    /**
     * @param field   the list field as specs write it, where its problems are located: {@code targets}
     * @param noun    one row in the labels of its edits: {@code target} makes "Add target"
     * @param newRow  the row that Add adds; its fields are the columns
     */
    TableEditor(DocumentModel model, String field, String noun, Function<PackageDocument, List<D>> read,
            BiFunction<PackageDocument, List<D>, PackageDocument> write, Supplier<D> newRow) {
        this.model = model;
        this.field = field;
        this.noun = noun;
        this.columns = newRow.get().fields();
        this.read = read;
        this.write = write;
        this.newRow = newRow;
        this.cellLocation = Pattern.compile("^" + Pattern.quote(field) + "\\[(\\d+)](?:\\.(\\w+))?");
        refresh();
    }

    /** Shows the document's rows; left alone when they did not change, so an edit elsewhere keeps the selection. */
    void refresh() {
        List<D> now = read.apply(model.document());
        if (!now.equals(rows)) {
            rows.setAll(now);
        }
    }

    public ObservableList<D> rows() {
        return rows;
    }

    public List<String> columns() {
        return columns;
    }

    /** The list field as specs write it: {@code targets}, {@code requires}. */
    public String field() {
        return field;
    }

    public String noun() {
        return noun;
    }

    public void add() {
        change("Add " + noun, list -> list.add(newRow.get()));
    }

    public void remove(int index) {
        if (exists(index)) {
            change("Remove " + noun, list -> list.remove(index));
        }
    }

    /** Sets a cell to what was typed, without the spaces around it. */
    public void set(int index, String column, String value) {
        if (exists(index)) {
            String text = value == null ? "" : value.trim();
            change("Edit " + noun + " " + column, list -> list.set(index, list.get(index).with(column, text)));
        }
    }

    /** Whether a problem location is this table or inside it: {@code requires}, {@code requires[0].name}. */
    public boolean covers(String location) {
        return location.equals(field) || location.startsWith(field + "[") || location.startsWith(field + ".");
    }

    /**
     * The cell a problem location points at: {@code requires[1].version} is row 1, column
     * {@code version}; {@code requires[1]} is row 1 and no column. Empty for a location elsewhere.
     */
    public Optional<Cell> cellAt(String location) {
        Matcher matcher = cellLocation.matcher(location);
        if (!matcher.find()) {
            return Optional.empty();
        }
        String column = matcher.group(2);
        return Optional.of(new Cell(Integer.parseInt(matcher.group(1)),
                column != null && columns.contains(column) ? Optional.of(column) : Optional.empty()));
    }

    /** A row of the table and, when the location names one, its column. */
    public record Cell(int row, Optional<String> column) {
    }

    private boolean exists(int index) {
        return index >= 0 && index < read.apply(model.document()).size();
    }

    private void change(String label, Consumer<List<D>> change) {
        model.edit(label, null, d -> {
            List<D> list = new ArrayList<>(read.apply(d));
            change.accept(list);
            return write.apply(d, list);
        });
    }
}
