/**
 * The benchmark harness, outside the test suite: a Netty load generator holding many authenticated WebSocket
 * connections, a rate-controlled Kafka producer stamping every event, and probes of the server's RSS and CPU.
 * Run through the Maven profile {@code bench} (see docs/performance.md).
 */
package io.ces.bench;
