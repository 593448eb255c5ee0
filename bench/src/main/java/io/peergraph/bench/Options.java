package io.peergraph.bench;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.springframework.util.unit.DataSize;

/** {@code --name value} command-line options of a benchmark main, each with a default. */
public final class Options {

    private final Map<String, String> values = new HashMap<>();

    public Options(String[] args, Set<String> known) {
        for (int i = 0; i < args.length; i++) {
            String name = args[i].startsWith("--") ? args[i].substring(2) : "";
            if (!known.contains(name) || i + 1 == args.length) {
                throw new IllegalArgumentException("Unknown option or missing value: " + args[i] + " (known: " + known + ")");
            }
            values.put(name, args[++i]);
        }
    }

    public String string(String name, String otherwise) {
        return values.getOrDefault(name, otherwise);
    }

    public int integer(String name, int otherwise) {
        return values.containsKey(name) ? Integer.parseInt(values.get(name).replace("_", "")) : otherwise;
    }

    public long bytes(String name, String otherwise) {
        return DataSize.parse(string(name, otherwise).toUpperCase().replaceAll("([KMGT])$", "$1B")).toBytes();
    }
}
