/**
 * Application services: CDI beans that orchestrate the domain for one use case each (routing an inbound record,
 * managing sessions), holding the replica's single registry and router.
 */
package io.ces.application;
