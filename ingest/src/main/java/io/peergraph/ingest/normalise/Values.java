package io.peergraph.ingest.normalise;

import io.peergraph.graph.stuff.ConfigItemValue;

final class Values {

    private Values() {}

    /** Free text kept as an item value must fit the graph's limit. */
    static String cap(String value) {
        return value.length() <= ConfigItemValue.MAX_VALUE_LENGTH ? value : value.substring(0, ConfigItemValue.MAX_VALUE_LENGTH);
    }
}
