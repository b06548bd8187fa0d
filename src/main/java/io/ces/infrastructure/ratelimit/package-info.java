/** Rate limits over the shared cache: Bucket4j token buckets kept in JCache (Hazelcast), one per limit and subject. */
package io.ces.infrastructure.ratelimit;
