package io.peergraph.graph.report;

import java.time.ZonedDateTime;

/** One exchange about a report on a channel, with its outcome. */
public record Interaction(String id, String reportId, Channel channel, Direction direction, String text, String outcome,
                          ZonedDateTime at) {

    public enum Channel { WEB, EMAIL, PHONE, FORUM, CHAT }

    public enum Direction { INBOUND, OUTBOUND }
}
