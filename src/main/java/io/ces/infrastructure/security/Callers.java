package io.ces.infrastructure.security;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;

import jakarta.json.JsonArray;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.ces.domain.room.RoomAccess;
import io.ces.domain.session.Caller;

/** Reads a {@link Caller} from a verified MP-JWT: subject, {@code rooms} claim and {@code ces.admin} group. */
public final class Callers {

    public static final String ROOMS_CLAIM = "rooms";
    public static final String USER_GROUP = "ces.user";
    public static final String ADMIN_GROUP = "ces.admin";

    private Callers() {
    }

    public static Caller fromToken(JsonWebToken token) {
        Set<String> groups = token.getGroups();
        boolean admin = groups != null && groups.contains(ADMIN_GROUP);
        String subject = token.getSubject() != null ? token.getSubject() : token.getName();
        RoomAccess rooms = admin ? RoomAccess.everyRoom() : RoomAccess.of(strings(token.getClaim(ROOMS_CLAIM)));
        return new Caller(subject, rooms, admin);
    }

    /** The claim as strings, whichever of the shapes MP-JWT implementations hand out for a JSON array. */
    static List<String> strings(Object claim) {
        List<String> values = new ArrayList<>();
        if (claim instanceof JsonArray array) {
            for (JsonValue value : array) {
                if (value instanceof JsonString string) {
                    values.add(string.getString());
                }
            }
        } else if (claim instanceof Collection<?> collection) {
            for (Object value : collection) {
                if (value instanceof JsonString string) {
                    values.add(string.getString());
                } else if (value instanceof String string) {
                    values.add(string);
                }
            }
        } else if (claim instanceof JsonString string) {
            values.add(string.getString());
        } else if (claim instanceof String string) {
            values.add(string);
        }
        return values;
    }
}
