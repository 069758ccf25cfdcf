package ${package}.orders;

import java.time.Instant;

/** An order as stored and as returned by the API. */
public record Order(long id, String item, int quantity, Instant createdAt) {}
