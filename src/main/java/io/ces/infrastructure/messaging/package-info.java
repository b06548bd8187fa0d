/**
 * The Kafka side: the MicroProfile Reactive Messaging channel that feeds inbound records to routing, CES's own
 * consumers, producer and admin client, and the connection security (SSL, SASL) they all share.
 */
package io.ces.infrastructure.messaging;
