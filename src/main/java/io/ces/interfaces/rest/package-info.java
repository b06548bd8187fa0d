/**
 * The REST API under {@code /api}: session registration and management, documented in the OpenAPI document,
 * with every error answered as {@code application/problem+json} (RFC 9457).
 */
package io.ces.interfaces.rest;
