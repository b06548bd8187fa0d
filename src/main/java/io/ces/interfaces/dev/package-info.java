/**
 * Demo-only endpoints under {@code /dev}: mint a token, publish the demo signing key. They answer 404 unless
 * {@code ces.dev.enabled=true}, which only the run command's demo configuration sets.
 */
package io.ces.interfaces.dev;
