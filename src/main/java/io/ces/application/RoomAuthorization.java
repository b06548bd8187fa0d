package io.ces.application;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.ces.domain.room.RoomMembership;
import io.ces.domain.session.Caller;

/**
 * Who may join a room: the token's {@code rooms} claim first (no network), then the membership service when one
 * is configured. Whatever goes wrong with the service ends in a denial, never in an open door.
 */
@ApplicationScoped
public class RoomAuthorization {

    @Inject
    RoomMembership membership;

    public boolean mayJoin(Caller caller, String room) {
        return caller.mayJoin(room) || membership.check(caller.userId(), room) == RoomMembership.Answer.MEMBER;
    }
}
