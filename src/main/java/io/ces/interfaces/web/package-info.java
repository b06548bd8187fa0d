/**
 * Plain servlet-level pieces: problem+json for container errors, the startup message, and the rate-limit filters in
 * front of session registration and the WebSocket upgrade.
 */
package io.ces.interfaces.web;
