package org.suptools.portal.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The things whose mailbox got work, for the serving process to notify ({@code notify/mailbox_activity}).
 * A command run in another process ({@code campaign start}) leaves an empty file per thing under
 * {@code notify/}; the server takes them as it polls.
 */
public final class NotifySpool {

    private final DataDir data;

    public NotifySpool(DataDir data) {
        this.data = data;
    }

    public void request(String thingKey) {
        Path file = dir().resolve(Names.thingKey("thingKey", thingKey));
        try {
            // Empty, so nothing to write atomically: the name alone is the request.
            Files.createDirectories(file.getParent());
            Files.newOutputStream(file).close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot ask for a notice to " + thingKey + ": " + e.getMessage(), e);
        }
    }

    /** The things waiting for a notice, each taken off the spool. */
    public List<String> drain() {
        if (!Files.isDirectory(dir())) {
            return List.of();
        }
        List<String> keys = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir())) {
            for (Path file : files.sorted().toList()) {
                String key = file.getFileName().toString();
                if (Names.isThingKey(key) && Files.deleteIfExists(file)) {
                    keys.add(key);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return keys;
    }

    private Path dir() {
        return data.resolve("notify");
    }
}
