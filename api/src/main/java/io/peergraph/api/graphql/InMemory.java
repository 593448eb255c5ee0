package io.peergraph.api.graphql;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A controller method that answers its field from what is already in memory (its parent object, the caller the
 * operation resolved): no graph or search round trip, nothing it waits for. It runs on the thread already executing
 * the request ({@link InMemoryFields}) instead of a virtual thread of its own, which buys nothing for work that does
 * not wait and costs a hand-off per field and per element of a list.
 */
@Documented
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
public @interface InMemory {}
