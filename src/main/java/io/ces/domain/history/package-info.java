/**
 * Reconnect buffers: the recent events of every stream (room, session, user) this replica routed, bounded by
 * count, bytes and age, and able to say whether they hold everything after a given position.
 */
package io.ces.domain.history;
