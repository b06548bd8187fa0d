/** Tooling and adapters for the registered JSON Schemas. */
package io.ces.infrastructure.schema;
