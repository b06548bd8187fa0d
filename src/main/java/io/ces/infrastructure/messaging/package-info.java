/** The Kafka side: the MicroProfile Reactive Messaging channel that feeds inbound records to routing. */
package io.ces.infrastructure.messaging;
