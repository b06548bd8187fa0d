/**
 * The membership service adapter: an MP Rest Client guarded by MP Fault Tolerance, with its answers cached in
 * JCache.
 */
package io.ces.infrastructure.membership;
