package org.suptools.installer.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.suptools.installer.runtime.RuntimeControl;
import org.suptools.installer.runtime.RuntimeControlException;

/**
 * A runtime that only remembers whether it runs and what it was asked. Its start fails (as a
 * failed health check) when asked to, or when a chosen file exists (a broken firmware tree).
 */
public final class FakeRuntime implements RuntimeControl {

    private boolean running;
    private boolean failStart;
    private boolean failStop;
    private int startsToFail;
    private Optional<Path> healthFailWhenExists = Optional.empty();
    private final List<String> calls = new ArrayList<>();

    public FakeRuntime(boolean running) {
        this.running = running;
    }

    public FakeRuntime failStart(boolean fail) {
        this.failStart = fail;
        return this;
    }

    /** The next {@code count} starts fail; later ones succeed. */
    public FakeRuntime failStarts(int count) {
        this.startsToFail = count;
        return this;
    }

    public FakeRuntime failStop(boolean fail) {
        this.failStop = fail;
        return this;
    }

    public FakeRuntime unhealthyWhenExists(Path marker) {
        this.healthFailWhenExists = Optional.of(marker);
        return this;
    }

    @Override
    public synchronized boolean isRunning() {
        return running;
    }

    @Override
    public synchronized void start() throws RuntimeControlException {
        calls.add("start");
        boolean failOnce = startsToFail > 0;
        if (failOnce) {
            startsToFail--;
        }
        if (failStart || failOnce || healthFailWhenExists.map(Files::exists).orElse(false)) {
            running = false;
            throw new RuntimeControlException("the runtime did not become healthy within 1s (fake)");
        }
        running = true;
    }

    @Override
    public synchronized void stop() throws IOException, RuntimeControlException {
        calls.add("stop");
        if (failStop) {
            throw new RuntimeControlException("the runtime would not stop (fake)");
        }
        running = false;
    }

    public synchronized List<String> calls() {
        return List.copyOf(calls);
    }
}
