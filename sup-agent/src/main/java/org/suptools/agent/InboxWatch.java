package org.suptools.agent;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;

/**
 * Wakes the daemon when {@code sup-agent schedule} drops an approval into its inbox, so an
 * approval "now" is given within moments, not at the next periodic check. The inbox is still read
 * at every cycle: a missed notice (the watch service may drop events under load) delays an
 * approval to the next cycle, never loses it.
 */
final class InboxWatch implements AutoCloseable {

    private final WatchService watcher;
    private final Thread thread;

    private InboxWatch(WatchService watcher, Runnable onArrival) {
        this.watcher = watcher;
        this.thread = new Thread(() -> {
            try {
                while (true) {
                    WatchKey key = watcher.take();
                    key.pollEvents();
                    onArrival.run();
                    if (!key.reset()) {
                        return;
                    }
                }
            } catch (InterruptedException | ClosedWatchServiceException e) {
                // Closed with the daemon.
            }
        }, "sup-agent-approvals");
        thread.setDaemon(true);
    }

    /** Watches {@code dir} (made when missing), calling {@code onArrival} after each batch of changes. */
    static InboxWatch start(Path dir, Runnable onArrival) throws IOException {
        Files.createDirectories(dir);
        WatchService watcher = dir.getFileSystem().newWatchService();
        dir.register(watcher, StandardWatchEventKinds.ENTRY_CREATE);
        InboxWatch watch = new InboxWatch(watcher, onArrival);
        watch.thread.start();
        return watch;
    }

    @Override
    public void close() throws IOException {
        watcher.close();
    }
}
