/**
 * Log records with fields: Liberty's LogRecordContext adds CES's event id, session, room and the current trace id
 * to JSON log records as {@code ext_*} fields. Nothing here logs tokens or user ids.
 */
package io.ces.infrastructure.logging;
