package io.ces.it;

/** Room names unique to one test run, so tests sharing the server and topic never see each other's events. */
public final class Rooms {

    private static final String RUN = Long.toString(System.nanoTime(), 36);

    private Rooms() {
    }

    public static String unique(String prefix) {
        return prefix + "_" + RUN + "_" + Integer.toString((int) (Math.random() * 1_000_000), 36);
    }
}
