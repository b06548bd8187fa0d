/** Typed, validated access to CES's MicroProfile Config properties. */
package io.ces.infrastructure.config;
