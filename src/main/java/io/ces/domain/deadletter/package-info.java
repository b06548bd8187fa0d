/**
 * Records that CES could not deliver: what goes to the dead-letter topic, how it is described, and the bounded,
 * per-target retries that come before it.
 */
package io.ces.domain.deadletter;
