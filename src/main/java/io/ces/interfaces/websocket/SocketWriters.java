package io.ces.interfaces.websocket;

import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.ces.infrastructure.config.GatewaySettings;

/** The replica's writer lanes ({@link WriterLanes}), with their threads from the container and a watchdog. */
@ApplicationScoped
public class SocketWriters {

    @Inject
    GatewaySettings settings;

    @Resource
    ManagedThreadFactory threads;

    @Resource
    ManagedScheduledExecutorService scheduler;

    private WriterLanes lanes;
    private ScheduledFuture<?> watchdog;

    @PostConstruct
    void start() {
        lanes = new WriterLanes(settings.writerThreads(), threads,
                TimeUnit.SECONDS.toNanos(settings.writeTimeoutSeconds()), System::nanoTime);
        watchdog = scheduler.scheduleWithFixedDelay(lanes::replaceStuckLanes, 1, 1, TimeUnit.SECONDS);
    }

    WriterLanes.Lane next() {
        return lanes.next();
    }

    @PreDestroy
    void stop() {
        watchdog.cancel(false);
        lanes.shutdown();
    }
}
