/** Client sessions, the callers that own them, and the registry that indexes them by id, user and room. */
package io.ces.domain.session;
