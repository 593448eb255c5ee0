package io.peergraph.api.graphql;

import io.peergraph.api.config.PeergraphProperties;
import io.peergraph.graph.paging.PageRequest;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.springframework.data.domain.KeysetScrollPosition;
import org.springframework.data.domain.OffsetScrollPosition;
import org.springframework.data.domain.ScrollPosition;
import org.springframework.data.domain.Window;
import org.springframework.graphql.data.pagination.CursorStrategy;
import org.springframework.stereotype.Component;

/**
 * Relay cursor pagination for every list that can grow: {@code first} is capped at the configured maximum,
 * cursors are opaque (Spring for GraphQL's encoded scroll positions) and a malformed one is a BAD_USER_INPUT.
 * Controllers return a {@link Window}; Spring for GraphQL turns it into the Connection type.
 */
@Component
public class Paging {

    private final CursorStrategy<ScrollPosition> cursors;
    private final PeergraphProperties.Api limits;

    public Paging(CursorStrategy<ScrollPosition> cursors, PeergraphProperties properties) {
        this.cursors = cursors;
        this.limits = properties.api();
    }

    /** The page size asked for, defaulted and capped. */
    public int size(Integer first) {
        if (first == null) {
            return limits.defaultPageSize();
        }
        if (first < 1) {
            throw new ApiException.BadUserInput("first", "must be at least 1");
        }
        return Math.min(first, limits.maxPageSize());
    }

    /** The keys of a keyset cursor (empty without one). */
    public Map<String, Object> keysAfter(String after) {
        if (after == null) {
            return Map.of();
        }
        if (decode(after) instanceof KeysetScrollPosition keyset) {
            return keyset.getKeys();
        }
        throw badCursor();
    }

    /** A window of rows paged by keys; {@code rows} may hold one more than {@code size}. */
    public <T> Window<T> window(List<T> rows, int size, Function<T, Map<String, Object>> keys) {
        List<T> page = rows.subList(0, Math.min(size, rows.size()));
        return Window.from(page, i -> ScrollPosition.forward(keys.apply(page.get(i))), rows.size() > size);
    }

    /** A keyset page (newest first by time, then id) after the cursor; fetches one extra row to learn if there is more. */
    public PageRequest keyset(Integer first, String after) {
        int size = size(first);
        if (after == null) {
            return PageRequest.first(size + 1);
        }
        Map<String, Object> keys = keysAfter(after);
        if (keys.get("t") instanceof Number t && keys.get("id") instanceof String id) {
            return new PageRequest(t.longValue(), id, size + 1);
        }
        throw badCursor();
    }

    /** The position after an offset cursor (0 without one). */
    public int offset(String after) {
        if (after == null) {
            return 0;
        }
        if (decode(after) instanceof OffsetScrollPosition offset) {
            return Math.toIntExact(offset.getOffset() + 1);
        }
        throw badCursor();
    }

    /** A window of keyset-paged rows; {@code rows} may hold one more than {@code size}. */
    public <T> Window<T> keysetWindow(List<T> rows, int size, Function<T, ZonedDateTime> time, Function<T, String> id) {
        return window(rows, size, row -> Map.of("t", time.apply(row).toInstant().toEpochMilli(), "id", id.apply(row)));
    }

    /** A window of offset-paged rows starting at {@code offset}. */
    public <T> Window<T> offsetWindow(List<T> page, int offset, boolean hasNext) {
        return Window.from(page, i -> ScrollPosition.offset(offset + i), hasNext);
    }

    /** A page of a list already ranked in memory, after an offset cursor. */
    public <T> Window<T> offsetPage(List<T> ranked, Integer first, String after) {
        int size = size(first);
        int offset = Math.min(offset(after), ranked.size());
        int end = Math.min(offset + size, ranked.size());
        return offsetWindow(ranked.subList(offset, end), offset, end < ranked.size());
    }

    private ScrollPosition decode(String cursor) {
        if (cursor.length() > 512) {
            throw badCursor();
        }
        try {
            return cursors.fromCursor(cursor);
        } catch (RuntimeException e) {
            throw badCursor();
        }
    }

    private static ApiException badCursor() {
        return new ApiException.BadUserInput("after", "is not a cursor this list handed out; start again without it");
    }
}
