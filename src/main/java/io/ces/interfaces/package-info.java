/** The edge of CES: the WebSocket endpoint clients connect to, REST resources, and the demo's dev endpoints. */
package io.ces.interfaces;
