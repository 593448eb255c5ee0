package io.peergraph.graph.paging;

/**
 * A keyset page: rows strictly after ({@code afterTime}, {@code afterId}) in (time desc, id desc) order, or
 * from the start when {@code afterId} is null. Keyset rather than offset so that cursors stay valid while
 * new rows arrive. {@code size} is one more than the page so the caller learns whether there is a next page.
 */
public record PageRequest(Long afterTime, String afterId, int size) {

    public static PageRequest first(int size) {
        return new PageRequest(null, null, size);
    }
}
