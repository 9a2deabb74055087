package dev.poolse.sdk;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A UTC clock that the test moves by hand; safe to read from any thread. */
public final class ManualClock extends Clock {
    private volatile Instant now;

    /** @param start the first instant it reads */
    public ManualClock(Instant start) {
        this.now = start;
    }

    /** @param by how far to move it forward */
    public void advance(Duration by) {
        now = now.plus(by);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }

    @Override
    public Instant instant() {
        return now;
    }
}
