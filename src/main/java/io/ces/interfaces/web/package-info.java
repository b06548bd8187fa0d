/** Plain servlet-level pieces: problem+json for container errors, HSTS on HTTPS, and the startup message. */
package io.ces.interfaces.web;
