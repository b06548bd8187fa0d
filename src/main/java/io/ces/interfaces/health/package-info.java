/**
 * MicroProfile Health checks at /health/started, /health/live and /health/ready: what Kubernetes' probes and an
 * operator ask of a replica. Each check reports the data behind its answer.
 */
package io.ces.interfaces.health;
