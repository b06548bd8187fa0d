/** The gateway's counters and gauges, published through MicroProfile Metrics at /metrics. */
package io.ces.infrastructure.metrics;
