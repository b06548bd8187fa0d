/**
 * The per-message path: one event becomes one serialized frame, handed to the bounded outbound queue of every
 * recipient. Nothing on this path blocks on a client. In conflated rooms, a slow client's waiting frame is replaced
 * by the next event of its key instead of queuing behind it.
 */
package io.ces.domain.delivery;
