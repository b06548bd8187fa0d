/** Strict reading of JSON text from outside: one value, nothing after it, no duplicate keys. */
package io.ces.domain.json;
