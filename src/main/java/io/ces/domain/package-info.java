/**
 * The plain-Java core of CES: events and their targets, rooms and who may join them, client sessions and the
 * routing of one event to the outbound queues of its recipients. Nothing here depends on a container; it is unit
 * tested without a server.
 */
package io.ces.domain;
