/**
 * The registered JSON Schemas (draft 2020-12) of CloudEvent types, read from a flat folder such as a mounted
 * ConfigMap, and the check of an event's {@code data} against the schema its {@code dataschema} names or, without
 * one, the newest schema of its type.
 */
package io.ces.domain.schema;
