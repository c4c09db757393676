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
 * A runtime that remembers whether it runs and what it was asked. Its start fails (as a failed
 * health check) when asked to, or when a chosen file exists (a broken firmware tree). Like a real
 * runtime it can read chosen files at start ({@link #loads}): {@link #effective()} is then what
 * the running runtime loaded, to compare with what the files say now.
 */
public final class FakeRuntime implements RuntimeControl {

    private boolean running;
    private boolean failStart;
    private boolean failStop;
    private int startsToFail;
    private int brokenAtStart;
    private Optional<Path> healthFailWhenExists = Optional.empty();
    private final List<String> calls = new ArrayList<>();
    private List<Path> loaded = List.of();
    private Optional<String> effective = Optional.empty();

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

    /** The {@code n}-th start (counted from 1) throws an unexpected {@link IllegalStateException}, a bug in the control. */
    public FakeRuntime brokenAtStart(int n) {
        this.brokenAtStart = n;
        return this;
    }

    public FakeRuntime failStop(boolean fail) {
        this.failStop = fail;
        return this;
    }

    /** At every start, reads these files (their settings, their version) as the runtime's own. */
    public FakeRuntime loads(Path... files) {
        this.loaded = List.of(files);
        return this;
    }

    /**
     * What the running runtime loaded at its last start: the files named by {@link #loads}, one
     * after the other, as {@link #settingsOf} reads them; empty when it is not running.
     */
    public synchronized Optional<String> effective() {
        return running ? effective : Optional.empty();
    }

    /** The files' content now, in the form {@link #effective()} gives. */
    public static String settingsOf(List<Path> files) {
        StringBuilder text = new StringBuilder();
        for (Path file : files) {
            try {
                text.append(file.getFileName()).append(": ").append(Files.readString(file)).append('\n');
            } catch (IOException e) {
                text.append(file.getFileName()).append(": (unreadable)\n");
            }
        }
        return text.toString();
    }

    /** What the files named by {@link #loads} say now. */
    public String settingsNow() {
        return settingsOf(loaded);
    }

    /** How many times it was asked to start. */
    public synchronized long starts() {
        return calls.stream().filter("start"::equals).count();
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
        if (starts() == brokenAtStart) {
            throw new IllegalStateException("runtime control broke");
        }
        boolean failOnce = startsToFail > 0;
        if (failOnce) {
            startsToFail--;
        }
        if (failStart || failOnce || healthFailWhenExists.map(Files::exists).orElse(false)) {
            running = false;
            throw new RuntimeControlException("the runtime did not become healthy within 1s (fake)");
        }
        running = true;
        effective = Optional.of(settingsOf(loaded));
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
