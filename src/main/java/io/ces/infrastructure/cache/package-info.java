/**
 * JCache over Hazelcast: the embedded cluster member (a single member by default, a cluster across replicas when
 * configured) and the caches CES shares between replicas; the idempotency window is a Hazelcast map, checked in
 * batches.
 */
package io.ces.infrastructure.cache;
