/** Plain servlet-level pieces: problem+json for container errors, and the startup message. */
package io.ces.interfaces.web;
