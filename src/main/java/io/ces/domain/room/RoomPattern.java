package io.ces.domain.room;

/**
 * A room id or a glob over room ids, as granted by the {@code rooms} claim of a token: {@code *} matches any run of
 * characters (also none), {@code ?} exactly one. {@code cr_*} grants {@code cr_1} and {@code cr_}, not {@code dm_1}.
 */
public final class RoomPattern {

    private final String glob;
    private final boolean literal;

    private RoomPattern(String glob) {
        this.glob = glob;
        this.literal = glob.indexOf('*') < 0 && glob.indexOf('?') < 0;
    }

    public static RoomPattern of(String glob) {
        if (glob == null || glob.isEmpty() || glob.length() > RoomId.MAX_LENGTH) {
            throw new IllegalArgumentException("a room pattern must have 1 to " + RoomId.MAX_LENGTH + " characters");
        }
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            if (c != '*' && c != '?' && !RoomId.isAllowed(c)) {
                throw new IllegalArgumentException("invalid character in room pattern " + RoomId.describe(glob));
            }
        }
        return new RoomPattern(glob);
    }

    public boolean matches(String room) {
        return literal ? glob.equals(room) : matches(room, 0, 0);
    }

    /** Iterative glob match with single-star backtracking: linear in practice, no regex compilation. */
    private boolean matches(String room, int r, int g) {
        int starG = -1;
        int starR = -1;
        while (r < room.length()) {
            if (g < glob.length() && (glob.charAt(g) == '?' || glob.charAt(g) == room.charAt(r))) {
                r++;
                g++;
            } else if (g < glob.length() && glob.charAt(g) == '*') {
                starG = g++;
                starR = r;
            } else if (starG >= 0) {
                g = starG + 1;
                r = ++starR;
            } else {
                return false;
            }
        }
        while (g < glob.length() && glob.charAt(g) == '*') {
            g++;
        }
        return g == glob.length();
    }

    @Override
    public String toString() {
        return glob;
    }
}
