/** Adapters between the application and the outside: Kafka, token keys, metrics, configuration and timers. */
package io.ces.infrastructure;
