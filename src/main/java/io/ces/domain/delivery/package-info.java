/**
 * The per-message path: one event becomes one serialized frame, handed to the bounded outbound queue of every
 * recipient. Nothing on this path blocks on a client.
 */
package io.ces.domain.delivery;
