/** Rooms: the syntax of a room id and the room patterns a token grants. */
package io.ces.domain.room;
