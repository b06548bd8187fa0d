/**
 * Inbound events: CloudEvents 1.0 read from Kafka records in structured or binary mode, their routing target, and
 * the reasons a record is rejected instead of delivered.
 */
package io.ces.domain.event;
