package org.suptools.installer.install;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.suptools.installer.config.GatewayConfig;
import org.suptools.installer.fs.TestPause;
import org.suptools.installer.fs.Trees;
import org.suptools.model.action.Action;
import org.suptools.model.action.ActionType;
import org.suptools.model.archive.PayloadContent;
import org.suptools.model.archive.PayloadSink;
import org.suptools.model.files.ChannelIo;
import org.suptools.model.manifest.Manifest;
import org.suptools.model.manifest.PayloadFile;

/**
 * Payloads written to {@code <stateDir>/staging} while the package is verified, so that the one
 * read that checks a payload's hash also makes the copy the install puts in place by a rename.
 *
 * <p>Staged: a payload that exactly one {@code file.copy}, {@code certificate.install} or
 * {@code license.install} places (several users each need their own copy, which they stream
 * from the package as before), when the state directory shares the runtime home's file system
 * (elsewhere a rename could not put it in place) and has room for every staged payload plus
 * {@code minFreeSpace} (otherwise nothing is staged, and the plan's free-space check says what
 * is missing). Each staged file is forced to the disk before the next payload is read; while it
 * is written, {@link EarlyWriteback} forces it now and then so that the disk keeps up.
 *
 * <p>The staging directory is the installer's own: nothing outside it changes while the package
 * is verified. It is emptied when an install ends, however it ends, and before every install and
 * recovery (under the installer's lock), so files a killed installer left there are removed
 * whatever the point of the kill. A staged file leaves it only by the rename that puts it beside
 * its destination, under a name the journal already records as temporary.
 */
final class PayloadStaging {

    static final String DIRECTORY = "staging";

    private static final Set<ActionType> PLACING =
            Set.of(ActionType.FILE_COPY, ActionType.CERTIFICATE_INSTALL, ActionType.LICENSE_INSTALL);

    private final Path dir;
    private final Set<String> chosen;
    private final Map<String, Path> staged = new HashMap<>();

    private PayloadStaging(Path dir, Set<String> chosen) {
        this.dir = dir;
        this.chosen = chosen;
    }

    /** Stages nothing (a dry run changes nothing, not even the state directory). */
    static PayloadStaging none(GatewayConfig config) {
        return new PayloadStaging(directory(config.stateDir()), Set.of());
    }

    /** Stages what the rules above allow for this manifest on this gateway. */
    static PayloadStaging of(GatewayConfig config, Manifest manifest) throws IOException {
        Path dir = directory(config.stateDir());
        Map<String, Integer> placements = new HashMap<>();
        for (Action action : manifest.actions()) {
            if (PLACING.contains(action.type())) {
                action.payloadReferences().forEach(ref -> placements.merge(ref.value(), 1, Integer::sum));
            }
        }
        Set<String> chosen = new HashSet<>();
        long bytes = 0;
        for (PayloadFile payload : manifest.payloads()) {
            if (placements.getOrDefault(payload.name(), 0) == 1) {
                chosen.add(payload.name());
                bytes += payload.size();
            }
        }
        if (chosen.isEmpty() || !Trees.fileStoreOf(config.stateDir()).equals(Trees.fileStoreOf(config.runtimeHome()))
                || Trees.fileStoreOf(config.stateDir()).getUsableSpace() - config.minFreeSpace() < bytes) {
            return new PayloadStaging(dir, Set.of());
        }
        return new PayloadStaging(dir, Set.copyOf(chosen));
    }

    /** {@code <stateDir>/staging}. */
    static Path directory(Path stateDir) {
        return stateDir.resolve(DIRECTORY);
    }

    /** Removes the staging directory and whatever is in it. */
    static void clear(Path stateDir) throws IOException {
        Trees.deleteRecursively(directory(stateDir));
    }

    /** The sink for {@link org.suptools.model.archive.SupArchive#readThrough}: stages the chosen payloads. */
    PayloadSink sink() {
        return (payload, content) -> {
            if (chosen.contains(payload.name())) {
                staged.put(payload.name(), write(content));
            }
        };
    }

    /** The staged, verified copy of a payload (by its name under {@code payload/}), while it has not been moved away. */
    Optional<Path> staged(String name) {
        return Optional.ofNullable(staged.get(name)).filter(Files::isRegularFile);
    }

    /** Writes the chunks the read lends (for a STORED payload, the buffers the package was read into: no copy). */
    private Path write(PayloadContent content) throws IOException {
        Files.createDirectories(dir);
        Path file = dir.resolve(staged.size() + ".payload");
        boolean complete = false;
        try (FileChannel out = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
             EarlyWriteback writeback = EarlyWriteback.start(out)) {
            for (ByteBuffer chunk = content.nextChunk(); chunk != null; chunk = content.nextChunk()) {
                int n = chunk.remaining();
                ChannelIo.writeFully(out, chunk);
                writeback.written(n);
                TestPause.staged(n);
            }
            writeback.finish();
            out.force(true);
            complete = true;
        } finally {
            if (!complete) {
                Files.deleteIfExists(file);
            }
        }
        return file;
    }
}
