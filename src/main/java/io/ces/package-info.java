/**
 * CES, the Customer Event Stream gateway: Kafka events delivered over WebSocket to exactly the clients allowed to
 * see them.
 *
 * <p>The layers follow the Jakarta EE reference application (cargotracker):
 * {@code domain} is plain Java with no container annotations, {@code application} orchestrates it as CDI services,
 * {@code infrastructure} adapts Kafka, security keys, metrics, configuration and timers, and {@code interfaces} is the
 * edge that clients and operators touch (WebSocket endpoint, REST resources).
 */
package io.ces;
