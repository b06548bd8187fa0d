/**
 * Where events go besides their own target attribute, and which topics CES consumes: declarative routing rules
 * ({@link io.ces.domain.routing.RoutingRules}, read by {@link io.ces.domain.routing.RuleParser}) that derive targets
 * from an event's attributes, headers or data, drop events or fan them out; and the set of additional topics
 * ({@link io.ces.domain.routing.TopicSelection}). Both are JSON documents that operators change at runtime.
 */
package io.ces.domain.routing;
