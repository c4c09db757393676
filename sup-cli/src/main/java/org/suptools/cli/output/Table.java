package org.suptools.cli.output;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/** A plain-text table with left-aligned columns sized to their widest cell; the last column is not padded. */
public final class Table {

    private final List<String[]> rows = new ArrayList<>();
    private final int columns;

    public Table(String... header) {
        this.columns = header.length;
        rows.add(header);
    }

    public Table row(String... cells) {
        if (cells.length != columns) {
            throw new IllegalArgumentException("expected " + columns + " cells, got " + cells.length);
        }
        rows.add(cells);
        return this;
    }

    public void print(PrintWriter out, String indent) {
        print(out, indent, 0);
    }

    /** For label-value lists, whose header row is only there to fix the column count. */
    public void printWithoutHeader(PrintWriter out, String indent) {
        print(out, indent, 1);
    }

    private void print(PrintWriter out, String indent, int firstRow) {
        int[] widths = new int[columns];
        for (String[] row : rows) {
            for (int i = 0; i < columns; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        for (String[] row : rows.subList(firstRow, rows.size())) {
            StringBuilder line = new StringBuilder(indent);
            for (int i = 0; i < columns; i++) {
                line.append(i == columns - 1 ? row[i] : pad(row[i], widths[i] + 2));
            }
            out.println(line.toString().stripTrailing());
        }
    }

    private static String pad(String text, int width) {
        return text + " ".repeat(width - text.length());
    }
}
