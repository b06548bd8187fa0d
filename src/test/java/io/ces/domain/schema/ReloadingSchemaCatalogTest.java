package io.ces.domain.schema;

import static java.nio.file.StandardCopyOption.ATOMIC_MOVE;
import static java.nio.file.StandardCopyOption.REPLACE_EXISTING;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.ces.domain.schema.SchemaVerdict.Status;

class ReloadingSchemaCatalogTest {

    private static final Duration INTERVAL = Duration.ofSeconds(10);
    private static final String REQUIRES_TEXT = "{\"type\":\"object\",\"required\":[\"text\"]}";
    private static final String REQUIRES_AUTHOR = "{\"type\":\"object\",\"required\":[\"author\"]}";

    @TempDir
    Path folder;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    /** Every write gets its own modification time, so that a change shows even within the file system's resolution. */
    private Instant lastModified = Instant.parse("2025-01-01T00:00:00Z");

    @Test
    void loadsTheFolderWhenCreated() throws IOException {
        write("chat.message.v1.json", REQUIRES_TEXT);

        ReloadingSchemaCatalog schemas = reloading();

        assertEquals(List.of(1), schemas.current().versions("chat.message"));
        assertEquals(Optional.empty(), schemas.lastReloadError());
    }

    @Test
    void failsWhenCreatedOnABadFolder() throws IOException {
        write("chat.message.v1.json", "{\"type\": 5}");

        SchemaLoadException error = assertThrows(SchemaLoadException.class, this::reloading);

        assertTrue(error.getMessage().contains("chat.message.v1.json"), error::getMessage);
        assertThrows(SchemaLoadException.class,
                () -> new ReloadingSchemaCatalog(folder.resolve("absent"), INTERVAL, clock));
    }

    @Test
    void refusesANegativeInterval() {
        assertThrows(IllegalArgumentException.class,
                () -> new ReloadingSchemaCatalog(folder, Duration.ofSeconds(-1), clock));
    }

    @Test
    void doesNotLookAtTheFolderBeforeTheIntervalHasPassed() throws IOException {
        write("chat.message.v1.json", REQUIRES_TEXT);
        ReloadingSchemaCatalog schemas = reloading();
        SchemaCatalog first = schemas.current();

        write("chat.message.v1.json", REQUIRES_AUTHOR);
        write("order.updated.v1.json", "{}");
        clock.advance(INTERVAL.minusMillis(1));

        assertSame(first, schemas.current());
    }

    @Test
    void keepsTheCatalogWhenTheFolderIsUnchanged() throws IOException {
        write("chat.message.v1.json", REQUIRES_TEXT);
        ReloadingSchemaCatalog schemas = reloading();
        SchemaCatalog first = schemas.current();

        clock.advance(INTERVAL);

        assertSame(first, schemas.current());
    }

    @Test
    void reloadsAChangedSchemaOnceTheIntervalHasPassed() throws IOException {
        write("chat.message.v1.json", REQUIRES_TEXT);
        ReloadingSchemaCatalog schemas = reloading();
        SchemaCatalog first = schemas.current();

        write("chat.message.v1.json", REQUIRES_AUTHOR);
        clock.advance(INTERVAL);
        SchemaCatalog reloaded = schemas.current();

        assertNotSame(first, reloaded);
        assertEquals(Status.VALID, reloaded.validate("chat.message", null, "{\"author\":\"Ann\"}").status());
        assertTrue(reloaded.validate("chat.message", null, "{\"text\":\"hi\"}").invalid());
        assertEquals(Optional.empty(), schemas.lastReloadError());
    }

    @Test
    void picksUpAddedAndRemovedSchemas() throws IOException {
        write("chat.message.v1.json", REQUIRES_TEXT);
        ReloadingSchemaCatalog schemas = reloading();

        write("chat.message.v2.json", REQUIRES_AUTHOR);
        write("order.updated.v1.json", "{}");
        clock.advance(INTERVAL);
        assertEquals(List.of(1, 2), schemas.current().versions("chat.message"));
        assertEquals(Set.of("chat.message", "order.updated"), schemas.current().types());

        Files.delete(folder.resolve("order.updated.v1.json"));
        clock.advance(INTERVAL);
        assertEquals(Set.of("chat.message"), schemas.current().types());
    }

    @Test
    void keepsThePreviousCatalogWhenAReloadFails() throws IOException {
        write("chat.message.v1.json", REQUIRES_TEXT);
        ReloadingSchemaCatalog schemas = reloading();
        SchemaCatalog good = schemas.current();

        write("chat.message.v2.json", "{\"type\": \"objekt\"}");
        clock.advance(INTERVAL);

        assertSame(good, schemas.current());
        String error = schemas.lastReloadError().orElseThrow();
        assertTrue(error.contains("chat.message.v2.json: not a valid draft 2020-12 schema"), error);

        clock.advance(INTERVAL);
        assertSame(good, schemas.current());
        assertEquals(Optional.of(error), schemas.lastReloadError(), "an unchanged bad folder keeps its error");

        write("chat.message.v2.json", REQUIRES_AUTHOR);
        clock.advance(INTERVAL);
        assertEquals(List.of(1, 2), schemas.current().versions("chat.message"));
        assertEquals(Optional.empty(), schemas.lastReloadError());
    }

    @Test
    void keepsThePreviousCatalogWhileTheFolderIsGone() throws IOException {
        Path mounted = Files.createDirectory(folder.resolve("mounted"));
        Files.writeString(mounted.resolve("chat.message.v1.json"), REQUIRES_TEXT);
        ReloadingSchemaCatalog schemas = new ReloadingSchemaCatalog(mounted, INTERVAL, clock);
        SchemaCatalog good = schemas.current();

        Path away = Files.move(mounted, folder.resolve("away"));
        clock.advance(INTERVAL);
        assertSame(good, schemas.current());
        assertTrue(schemas.lastReloadError().orElseThrow().contains(mounted.toString()));

        Files.move(away, mounted);
        clock.advance(INTERVAL);
        assertEquals(List.of(1), schemas.current().versions("chat.message"));
        assertEquals(Optional.empty(), schemas.lastReloadError());
    }

    @Test
    void seesAConfigMapUpdateThatSwapsTheDataLink() throws IOException {
        Path firstData = Files.createDirectory(folder.resolve("..2026_01_01_00_00_00.000000001"));
        Files.writeString(firstData.resolve("chat.message.v1.json"), REQUIRES_TEXT);
        Files.createSymbolicLink(folder.resolve("..data"), firstData.getFileName());
        Files.createSymbolicLink(folder.resolve("chat.message.v1.json"), Path.of("..data", "chat.message.v1.json"));
        ReloadingSchemaCatalog schemas = reloading();

        Path secondData = Files.createDirectory(folder.resolve("..2026_01_01_00_01_00.000000002"));
        Files.writeString(secondData.resolve("chat.message.v1.json"), REQUIRES_AUTHOR);
        Files.createSymbolicLink(folder.resolve("..data_tmp"), secondData.getFileName());
        Files.move(folder.resolve("..data_tmp"), folder.resolve("..data"), REPLACE_EXISTING, ATOMIC_MOVE);
        clock.advance(INTERVAL);

        assertEquals(Status.VALID, schemas.current().validate("chat.message", null, "{\"author\":\"Ann\"}").status());
    }

    @Test
    void withAZeroIntervalLooksAtEveryCall() throws IOException {
        write("chat.message.v1.json", REQUIRES_TEXT);
        ReloadingSchemaCatalog schemas = new ReloadingSchemaCatalog(folder, Duration.ZERO, clock);

        write("chat.message.v2.json", REQUIRES_AUTHOR);

        assertEquals(List.of(1, 2), schemas.current().versions("chat.message"));
    }

    @Test
    void servesConsumerThreadsWhileTheFolderChanges() throws Exception {
        write("chat.message.v1.json", REQUIRES_TEXT);
        ReloadingSchemaCatalog schemas = new ReloadingSchemaCatalog(folder, Duration.ZERO, Clock.systemUTC());
        ExecutorService consumers = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int consumer = 0; consumer < 4; consumer++) {
                running.add(consumers.submit(() -> {
                    for (int event = 0; event < 200; event++) {
                        SchemaVerdict verdict = schemas.current().validate("chat.message", null, "{}");
                        assertEquals(Status.INVALID, verdict.status());
                    }
                }));
            }
            for (int version = 2; version <= 6; version++) {
                write("chat.message.v" + version + ".json", REQUIRES_AUTHOR);
            }
            for (Future<?> consumer : running) {
                consumer.get(30, TimeUnit.SECONDS);
            }
        } finally {
            consumers.shutdownNow();
        }
        assertEquals(List.of(1, 2, 3, 4, 5, 6), schemas.current().versions("chat.message"));
    }

    private ReloadingSchemaCatalog reloading() {
        return new ReloadingSchemaCatalog(folder, INTERVAL, clock);
    }

    private void write(String fileName, String text) throws IOException {
        Path file = Files.writeString(folder.resolve(fileName), text);
        lastModified = lastModified.plusSeconds(1);
        Files.setLastModifiedTime(file, FileTime.from(lastModified));
    }

    /** A clock the test moves by hand. */
    private static final class MutableClock extends Clock {

        private volatile Instant now;

        MutableClock(Instant start) {
            this.now = start;
        }

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException("the test clock has no zones");
        }
    }
}
