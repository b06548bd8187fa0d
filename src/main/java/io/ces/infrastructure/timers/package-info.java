/** EJB timers: heartbeats to connected clients and the eviction of abandoned or idle sessions. */
package io.ces.infrastructure.timers;
