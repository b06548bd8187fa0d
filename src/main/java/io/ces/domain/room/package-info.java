/** Rooms: the syntax of a room id, the room patterns a token grants, and the port to a membership service. */
package io.ces.domain.room;
