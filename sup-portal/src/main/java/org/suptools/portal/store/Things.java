package org.suptools.portal.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** The things, one file each under {@code things/}. */
public final class Things {

    private final DataDir data;
    private final Clock clock;

    public Things(DataDir data, Clock clock) {
        this.data = data;
        this.clock = clock;
    }

    /**
     * Adds a thing, or replaces its token and app id when it exists.
     *
     * @throws IllegalArgumentException naming the field when a value is not valid
     */
    public Thing put(String key, String token, String appId) {
        return data.locked(() -> {
            // A removal of this key that a crash cut short must not take the new thing's mailbox.
            Removal.finishPending(data);
            return putLocked(key, token, appId);
        });
    }

    /**
     * Adds or updates many things under one hold of the lock: a fleet of thousands is one process
     * instead of one per thing. Each thing is written durably in turn; all are checked before the
     * first is written, so a bad one adds none.
     *
     * @return how many of them were new
     */
    public int putAll(List<Thing> things) {
        return data.locked(() -> {
            Removal.finishPending(data);
            int added = 0;
            for (Thing thing : things) {
                added += exists(thing.key()) ? 0 : 1;
                putLocked(thing.key(), thing.token(), thing.appId());
            }
            return added;
        });
    }

    private Thing putLocked(String key, String token, String appId) {
        // A drop asked for when an earlier thing of this key was deleted is not for this one.
        try {
            Files.deleteIfExists(data.resolve("disconnect").resolve(Names.thingKey("key", key)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Thing thing = new Thing(key, token, appId, find(key).map(Thing::createdOn).orElse(clock.instant()));
        data.write(file(key), thing);
        return thing;
    }

    public Optional<Thing> find(String key) {
        if (!Names.isThingKey(key)) {
            return Optional.empty();
        }
        return data.read(file(key), Thing.class);
    }

    public boolean exists(String key) {
        return Names.isThingKey(key) && Files.isRegularFile(file(key));
    }

    /** Every thing, by key. */
    public List<Thing> all() {
        Path dir = data.resolve("things");
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<Thing> things = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".json")).sorted()
                    .forEach(n -> find(n.substring(0, n.length() - ".json".length())).ifPresent(things::add));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return things;
    }

    private Path file(String key) {
        return data.resolve("things").resolve(key + ".json");
    }
}
