/**
 * Tokens: who a caller is according to its MP-JWT, and, for the demo and for tooling only, a locally generated
 * signing key with which tokens are minted.
 */
package io.ces.infrastructure.security;
