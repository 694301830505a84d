package io.timetravel.app;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/** A table for the terminal: a header and rows in columns as wide as their widest cell, two spaces apart. */
final class TextTable {

    private final List<List<String>> rows = new ArrayList<>();

    TextTable(String... header) {
        rows.add(List.of(header));
    }

    TextTable row(String... cells) {
        if (cells.length != rows.get(0).size()) {
            throw new IllegalArgumentException("a row of " + cells.length + " cells in a table of " + rows.get(0).size() + " columns");
        }
        rows.add(List.of(cells));
        return this;
    }

    /** Prints the table, or {@code none} alone when it has no rows but its header. */
    void printOr(PrintStream out, String none) {
        if (rows.size() == 1) {
            out.println(none);
        } else {
            print(out);
        }
    }

    void print(PrintStream out) {
        int columns = rows.get(0).size();
        int[] widths = new int[columns];
        for (List<String> row : rows) {
            for (int c = 0; c < columns; c++) {
                widths[c] = Math.max(widths[c], row.get(c).length());
            }
        }
        for (List<String> row : rows) {
            StringBuilder line = new StringBuilder();
            for (int c = 0; c < columns; c++) {
                line.append(row.get(c));
                if (c < columns - 1) {
                    line.append(" ".repeat(widths[c] - row.get(c).length() + 2));
                }
            }
            out.println(line);
        }
    }
}
