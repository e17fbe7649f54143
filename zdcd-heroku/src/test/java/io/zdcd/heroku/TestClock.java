package io.zdcd.heroku;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/** A clock that only moves when its {@link #sleeper()} sleeps; records every sleep. Tests never really wait. */
final class TestClock extends Clock {
    private Instant now = Instant.parse("2026-11-26T12:00:00Z");
    private final List<Duration> sleeps = new ArrayList<>();

    @Override
    public synchronized Instant instant() {
        return now;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }

    synchronized void advance(Duration d) {
        now = now.plus(d);
    }

    synchronized List<Duration> sleeps() {
        return List.copyOf(sleeps);
    }

    Sleeper sleeper() {
        return d -> {
            synchronized (this) {
                sleeps.add(d);
                now = now.plus(d);
            }
        };
    }
}
