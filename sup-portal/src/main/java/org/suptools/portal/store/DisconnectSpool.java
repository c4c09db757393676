package org.suptools.portal.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The connections the serving process is to drop: a thing deleted in another process ({@code thing
 * delete}) leaves a file {@code disconnect/<key>} holding its app id (its MQTT client id), and the server
 * takes it as it polls. A new CONNECT of a deleted thing is refused anyway: its file is gone.
 */
public final class DisconnectSpool {

    private final DataDir data;

    public DisconnectSpool(DataDir data) {
        this.data = data;
    }

    public void request(Thing thing) {
        DataDir.writeAtomically(dir().resolve(thing.key()), thing.appId().getBytes(StandardCharsets.UTF_8));
    }

    /** The client ids to drop, each taken off the spool. */
    public List<String> drain() {
        if (!Files.isDirectory(dir())) {
            return List.of();
        }
        List<String> clientIds = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir())) {
            for (Path file : files.sorted().toList()) {
                if (!Names.isThingKey(file.getFileName().toString())) {
                    continue;
                }
                String clientId = Files.readString(file, StandardCharsets.UTF_8);
                if (Files.deleteIfExists(file)) {
                    clientIds.add(clientId);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return clientIds;
    }

    private Path dir() {
        return data.resolve("disconnect");
    }
}
