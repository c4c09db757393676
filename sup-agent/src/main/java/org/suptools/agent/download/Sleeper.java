package org.suptools.agent.download;

import java.time.Duration;

/** Waits between retries; tests give one that only records the waits. */
@FunctionalInterface
public interface Sleeper {

    Sleeper REAL = duration -> Thread.sleep(duration.toMillis());

    void sleep(Duration duration) throws InterruptedException;
}
