package io.peergraph.ingest.generic;

/** A column of the generic format: its name, how its text is read, and whether a record must have it. */
public record Field(String name, Type type, boolean required) {

    public enum Type {
        TEXT, BOOLEAN, NUMBER, DATE, DATETIME,
        /** JSON array of strings, or in CSV one cell with values separated by ';'. */
        LIST,
        /** Configuration items: JSON array of {kind, value, raw?}, or in CSV "kind=value;kind=value". */
        ITEMS,
        /** Upper-case word, e.g. PERSON. */
        ENUM
    }

    static Field required(String name, Type type) {
        return new Field(name, type, true);
    }

    static Field optional(String name, Type type) {
        return new Field(name, type, false);
    }
}
