/**
 * Plain servlet-level pieces: problem+json for container errors, the startup message, HSTS on HTTPS, and the
 * rate-limit filters in front of session registration and the WebSocket upgrade.
 */
package io.ces.interfaces.web;
