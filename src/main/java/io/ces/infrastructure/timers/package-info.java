/** EJB timers: periodic housekeeping such as the expiry of abandoned sessions. */
package io.ces.infrastructure.timers;
