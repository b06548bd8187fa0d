package io.ces.it.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import io.ces.it.Events;
import io.ces.it.Rooms;

/**
 * The demo page at / as a newcomer uses it, in real headless Chromium: two users chatting in one room, a room the
 * token does not grant, and a network drop that loses nothing.
 */
class DemoPageIT {

    @BeforeAll
    static void chromiumIsInstalled() {
        Browser.assumeInstalled();
    }

    @Test
    void twoUsersInTheSameRoomSeeEachOthersMessages() throws Exception {
        String room = Rooms.unique("cr_demo");
        String ann = Rooms.unique("ann");
        String ben = Rooms.unique("ben");
        try (Browser first = Browser.open(); Browser second = Browser.open()) {
            first.signIn(ann, room, room);
            second.signIn(ben, "cr_*");
            second.driver().findElement(By.id("join-room")).sendKeys(room);
            second.driver().findElement(By.id("join-button")).click();
            second.await(Duration.ofSeconds(10), d -> !d.findElements(
                    By.cssSelector("#joined li[data-room='" + room + "']")).isEmpty());

            first.send(room, "hello from ann");
            second.await(Duration.ofSeconds(15), d -> second.logText().contains(ann + ": hello from ann"));
            second.send(room, "hi ann, ben here");
            first.await(Duration.ofSeconds(15), d -> first.logText().contains(ben + ": hi ann, ben here"));
            first.await(Duration.ofSeconds(15), d -> first.logText().contains(ann + ": hello from ann"));
            second.await(Duration.ofSeconds(15), d -> second.logText().contains(ben + ": hi ann, ben here"));

            first.screenshot("demo-two-users-ann");
            second.screenshot("demo-two-users-ben");
        }
    }

    /** Disconnect, then connect as someone else, without reloading: the new user's socket opens and works. */
    @Test
    void oneUserSignsOutAndAnotherSignsInOnTheSamePage() throws Exception {
        String room = Rooms.unique("cr_swap");
        String ann = Rooms.unique("ann");
        String ben = Rooms.unique("ben");
        try (Browser page = Browser.open()) {
            page.signIn(ann, room, room);
            page.driver().findElement(By.id("disconnect")).click();
            page.await(Duration.ofSeconds(10), d -> !"open".equals(d.findElement(By.id("state")).getText()));
            page.driver().findElement(By.id("user")).clear();
            page.driver().findElement(By.id("user")).sendKeys(ben);
            page.driver().findElement(By.id("rooms")).clear();
            page.driver().findElement(By.id("rooms")).sendKeys(room);
            page.driver().findElement(By.id("connect")).click();
            try {
                page.await(Duration.ofSeconds(20), d -> "open".equals(d.findElement(By.id("state")).getText()));
            } catch (RuntimeException notOpen) {
                page.screenshot("demo-sign-in-again-failed");
                throw new AssertionError("the second user's connection did not open; log: " + page.logText()
                        + "; alert: " + page.driver().findElement(By.id("alert")).getText(), notOpen);
            }
            page.await(Duration.ofSeconds(10), d -> !d.findElements(
                    By.cssSelector("#joined li[data-room='" + room + "']")).isEmpty());
            page.send(room, "ben took over");
            page.await(Duration.ofSeconds(15), d -> page.logText().contains(ben + ": ben took over"));
            page.screenshot("demo-sign-in-again");
        }
    }

    @Test
    void aUserWithoutAccessToARoomSeesTheError() throws Exception {
        String granted = Rooms.unique("cr_mine");
        String secret = Rooms.unique("dm_secret");
        try (Browser browser = Browser.open()) {
            browser.signIn(Rooms.unique("eve"), granted, granted);
            browser.driver().findElement(By.id("join-room")).sendKeys(secret);
            browser.driver().findElement(By.id("join-button")).click();
            String alert = browser.await(Duration.ofSeconds(10), d -> {
                var element = d.findElement(By.id("alert"));
                return element.isDisplayed() ? element.getText() : null;
            });
            assertTrue(alert.contains("Cannot join " + secret), alert);
            assertTrue(alert.contains("does not grant room " + secret) && alert.contains("forbidden"), alert);
            assertTrue(browser.driver().findElements(By.cssSelector("#joined li[data-room='" + secret + "']")).isEmpty());
            assertEquals("open", browser.driver().findElement(By.id("state")).getText(), "the connection stays open");
            browser.screenshot("demo-forbidden-room");
        }
    }

    @Test
    void goingOfflineAndBackOnlineRecoversEveryMissedMessageOnceAndInOrder() throws Exception {
        String room = Rooms.unique("cr_drop");
        try (Browser browser = Browser.open(); Events events = new Events()) {
            browser.signIn(Rooms.unique("olga"), room, room);
            List<String> sent = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                String id = Events.nextId("before");
                sent.add(id);
                events.send(room, Events.roomEvent(id, room, "{\"text\":\"before " + i + "\"}"));
            }
            browser.await(Duration.ofSeconds(15), d -> received(browser).size() == 3);

            browser.setOffline(true);
            boolean droppedByOffline = waitUntilNotOpen(browser, Duration.ofSeconds(8));
            if (!droppedByOffline) {
                // The emulation did not reach the socket: drop it from the page, as a broken network would.
                browser.eval("window.cesDemo.client.simulateNetworkDrop(); return null;");
                assertTrue(waitUntilNotOpen(browser, Duration.ofSeconds(5)), "the connection did not drop");
            }
            for (int i = 0; i < 5; i++) {
                String id = Events.nextId("missed");
                sent.add(id);
                events.send(room, Events.roomEvent(id, room, "{\"text\":\"missed " + i + "\"}"));
            }
            browser.screenshot("demo-offline");
            Thread.sleep(1500);
            browser.setOffline(false);

            browser.await(Duration.ofSeconds(30), d -> "open".equals(d.findElement(By.id("state")).getText()));
            browser.await(Duration.ofSeconds(20), d -> received(browser).size() >= sent.size());
            Thread.sleep(1000); // a duplicate would arrive right behind the replay
            List<JsonObject> received = received(browser);
            assertEquals(sent, received.stream().map(message -> message.getString("id")).toList(),
                    "every message exactly once, in order (offline emulation dropped the socket: " + droppedByOffline + ")");
            long previous = -1;
            Set<Long> seqs = new HashSet<>();
            for (JsonObject message : received) {
                long seq = message.getJsonNumber("seq").longValue();
                assertTrue(seq > previous && seqs.add(seq), "seq increases: " + received);
                previous = seq;
            }
            JsonValue recoveries = browser.eval("return window.cesDemo.recoveries;");
            assertTrue(recoveries.asJsonArray().stream().map(JsonValue::asJsonObject)
                    .anyMatch(outcome -> room.equals(outcome.getString("room", null))
                            && outcome.getBoolean("recovered")), "the room was recovered: " + recoveries);
            browser.screenshot("demo-recovered");
        }
    }

    private static boolean waitUntilNotOpen(Browser browser, Duration timeout) {
        try {
            browser.await(timeout, d -> !"open".equals(d.findElement(By.id("state")).getText()));
            return true;
        } catch (org.openqa.selenium.TimeoutException stillOpen) {
            return false;
        }
    }

    private static List<JsonObject> received(Browser browser) {
        return browser.eval("return window.cesDemo.received;").asJsonArray().stream()
                .map(JsonValue::asJsonObject).toList();
    }
}
