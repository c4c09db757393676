package org.suptools.installer.plan;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.suptools.installer.RefusedException;
import org.suptools.installer.api.InstallError;
import org.suptools.installer.archive.ArchiveVisitor;
import org.suptools.installer.archive.PayloadArchive;
import org.suptools.installer.archive.UnpackLimits;
import org.suptools.installer.archive.UnsafeArchiveException;
import org.suptools.installer.config.GatewayConfig;
import org.suptools.installer.exec.Payloads;
import org.suptools.installer.fs.Deadline;
import org.suptools.installer.fs.Trees;
import org.suptools.model.action.Action;
import org.suptools.model.action.ArchiveExtract;
import org.suptools.model.action.ArchiveFormat;
import org.suptools.model.action.CertificateInstall;
import org.suptools.model.action.FieldValue;
import org.suptools.model.action.FileDelete;
import org.suptools.model.action.FirmwareUpdate;
import org.suptools.model.action.Timeout;
import org.suptools.model.gateway.GatewayProfile;
import org.suptools.model.manifest.Manifest;
import org.suptools.model.manifest.PayloadFile;

/**
 * Settles what an install will do before any change, and refuses it with every problem at once
 * when it is not acceptable: each action's {@code when} condition evaluated (a non-matching action
 * is skipped, and its paths are not checked), each gateway path resolved and kept inside the
 * allowed roots ({@link PathGuard}), each payload reference present, archive formats known,
 * archive payloads read through to the end by the unpacker's own reader ({@link PayloadArchive})
 * and refused for whatever it would refuse them for, certificates parseable, and the free space
 * enough for the payloads, unpacked archives (as the unpacker counts them) and backups.
 */
public final class Planner {

    /** What an archive payload was read to hold, by payload and format. */
    private record ArchiveKey(String source, ArchiveFormat format) {
    }

    /** Zip payloads are copied to {@code <stateDir>/plan-<random>.zip} to be read, and deleted. */
    private static final String SPOOL_PREFIX = "plan-";

    private final GatewayConfig config;
    private final PathGuard guard;
    private final UnpackLimits limits;

    /** A planner that counts archives against the {@link UnpackLimits#DEFAULTS}. */
    public Planner(GatewayConfig config) {
        this(config, UnpackLimits.DEFAULTS);
    }

    /** @param limits the limits the unpacker will apply, so that the plan refuses what it would */
    public Planner(GatewayConfig config, UnpackLimits limits) {
        this.config = config;
        this.guard = new PathGuard(config);
        this.limits = limits;
    }

    public Plan plan(Manifest manifest, GatewayProfile gateway, Payloads payloads) throws RefusedException, IOException {
        deleteStaleSpools();
        List<String> problems = new ArrayList<>();
        List<PlannedAction> planned = new ArrayList<>();
        Map<ArchiveKey, Optional<PayloadArchive.Summary>> archives = new HashMap<>();
        for (int i = 0; i < manifest.actions().size(); i++) {
            Action action = manifest.actions().get(i);
            String where = "actions[" + i + "]";
            Duration timeout = action.header().timeout().map(Timeout::duration).orElse(config.defaultActionTimeout());
            Optional<String> skipReason = gateway.skipReason(action);
            if (skipReason.isPresent()) {
                planned.add(new PlannedAction(i + 1, action, Map.of(), timeout, skipReason));
                continue;
            }
            Map<String, Path> paths = new LinkedHashMap<>();
            boolean replacesTree = action instanceof FileDelete || action instanceof FirmwareUpdate;
            for (FieldValue field : action.gatewayPaths()) {
                PathGuard.Result result = guard.resolve(field.value(), replacesTree);
                if (result.problem().isPresent()) {
                    problems.add(where + "." + field.field() + ": " + result.problem().get());
                } else {
                    paths.put(field.field(), result.path().orElseThrow());
                }
            }
            if (action instanceof FirmwareUpdate && paths.containsKey("directory")) {
                Path previous = paths.get("directory").resolveSibling(paths.get("directory").getFileName() + ".previous");
                guard.resolve(previous.toString(), true).problem()
                        .ifPresent(p -> problems.add(where + ".directory: its previous tree " + p));
            }
            paths.putIfAbsent("workingDir", config.runtimeHome());
            for (FieldValue ref : action.payloadReferences()) {
                if (manifest.payload(ref.value()).isEmpty()) {
                    problems.add(where + "." + ref.field() + ": no payload '" + ref.value() + "' in the package");
                }
            }
            formatProblem(action).ifPresent(p -> problems.add(where + ".format: " + p));
            Optional<ArchiveKey> archive = archiveOf(action).filter(key -> manifest.payload(key.source()).isPresent());
            if (archive.isPresent() && !archives.containsKey(archive.get())) {
                try {
                    archives.put(archive.get(), read(manifest, payloads, archive.get()));
                } catch (UnsafeArchiveException e) {
                    archives.put(archive.get(), Optional.empty());
                    problems.add(where + ".source: payload '" + archive.get().source() + "': " + e.getMessage());
                }
            }
            if (action instanceof CertificateInstall certificate && manifest.payload(certificate.source()).isPresent()) {
                certificateProblem(payloads, certificate.source()).ifPresent(p -> problems.add(where + ".source: " + p));
            }
            planned.add(new PlannedAction(i + 1, action, paths, timeout, Optional.empty()));
        }
        if (!problems.isEmpty()) {
            throw new RefusedException(InstallError.PLAN_REFUSED, problems);
        }
        DiskSpace space = diskSpace(manifest, planned, archives, payloads);
        List<String> spaceProblems = space.check(config.minFreeSpace());
        if (!spaceProblems.isEmpty()) {
            throw new RefusedException(InstallError.PLAN_REFUSED, spaceProblems);
        }
        return new Plan(planned, space.required());
    }

    private static Optional<String> formatProblem(Action action) {
        Optional<ArchiveFormat> format = Optional.empty();
        String source = null;
        if (action instanceof ArchiveExtract extract) {
            format = extract.effectiveFormat();
            source = extract.source();
        } else if (action instanceof FirmwareUpdate update) {
            format = update.effectiveFormat();
            source = update.source();
        }
        if (source != null && format.isEmpty()) {
            return Optional.of("cannot tell the archive format of '" + source + "'; set format: zip, tar or tar.gz");
        }
        return Optional.empty();
    }

    /** A plan killed while it read a zip leaves its copy behind; the next plan (under the same lock) removes it. */
    private void deleteStaleSpools() throws IOException {
        if (!Files.isDirectory(config.stateDir())) {
            return;
        }
        try (DirectoryStream<Path> stale = Files.newDirectoryStream(config.stateDir(), SPOOL_PREFIX + "*.zip")) {
            for (Path spool : stale) {
                Files.deleteIfExists(spool);
            }
        }
    }

    private static Optional<ArchiveKey> archiveOf(Action action) {
        if (action instanceof ArchiveExtract extract && extract.effectiveFormat().isPresent()) {
            return Optional.of(new ArchiveKey(extract.source(), extract.effectiveFormat().get()));
        }
        if (action instanceof FirmwareUpdate update && update.effectiveFormat().isPresent()) {
            return Optional.of(new ArchiveKey(update.source(), update.effectiveFormat().get()));
        }
        return Optional.empty();
    }

    /**
     * Reads an archive payload through, as the unpacker will: what it holds, or nothing when a zip
     * cannot even be spooled for reading in the state directory (the space check then refuses).
     *
     * @throws UnsafeArchiveException for whatever the unpacker would refuse
     */
    private Optional<PayloadArchive.Summary> read(Manifest manifest, Payloads payloads, ArchiveKey archive)
            throws IOException {
        Path state = config.stateDir();
        if (archive.format() == ArchiveFormat.ZIP
                && DiskSpace.usable(state) < size(manifest, archive.source()) + config.minFreeSpace()) {
            return Optional.empty();
        }
        Path spool = state.resolve(SPOOL_PREFIX + UUID.randomUUID() + ".zip");
        try (InputStream in = payloads.open(archive.source())) {
            return Optional.of(PayloadArchive.read(in, archive.format(), spool, limits, Deadline.NONE,
                    ArchiveVisitor.checkOnly()));
        }
    }

    private static Optional<String> certificateProblem(Payloads payloads, String source) throws IOException {
        byte[] bytes;
        try (InputStream in = payloads.open(source)) {
            bytes = in.readNBytes(1 << 20);
            in.transferTo(java.io.OutputStream.nullOutputStream());
        }
        if (!new String(bytes, StandardCharsets.US_ASCII).contains("-----BEGIN CERTIFICATE-----")) {
            return Optional.of("payload '" + source + "' is not a PEM certificate");
        }
        try {
            if (CertificateFactory.getInstance("X.509").generateCertificates(new java.io.ByteArrayInputStream(bytes))
                    .isEmpty()) {
                return Optional.of("payload '" + source + "' holds no certificate");
            }
        } catch (CertificateException e) {
            return Optional.of("payload '" + source + "' is not a valid X.509 certificate: " + e.getMessage());
        }
        return Optional.empty();
    }

    /**
     * The bytes each action writes: payload copies where they go (a replaced file's backup is a hard
     * link, free, unless the state directory is on another file system), unpacked archives beside
     * their destination (their footprint on disk, {@link UnpackLimits#footprint}) plus a spooled zip
     * in the state directory, scripts and OS packages copied into the state directory, and trees a
     * delete must copy when a rename cannot reach the backups. A payload staged while the package
     * was verified is on the disk already: renamed into place, it needs nothing more.
     */
    private DiskSpace diskSpace(Manifest manifest, List<PlannedAction> planned,
            Map<ArchiveKey, Optional<PayloadArchive.Summary>> archives, Payloads payloads) throws IOException {
        DiskSpace space = new DiskSpace();
        Path state = config.stateDir();
        for (PlannedAction step : planned) {
            if (step.skipped()) {
                continue;
            }
            Action action = step.action();
            switch (action.type()) {
                case FILE_COPY, CERTIFICATE_INSTALL, LICENSE_INSTALL -> {
                    Path destination = step.paths().get("destination");
                    String source = action.payloadReferences().get(0).value();
                    // A staged payload already takes its space; renamed into place it takes no more.
                    if (payloads.staged(source).isEmpty() || !DiskSpace.sameStore(destination, state)) {
                        space.add(destination, size(manifest, source));
                    }
                    backup(space, destination, state);
                }
                case PROPERTIES_SET -> {
                    Path file = step.paths().get("file");
                    space.add(file, Trees.size(file) + 64 * 1024);
                    backup(space, file, state);
                }
                case ARCHIVE_EXTRACT -> unpacked(space, manifest, archives, archiveOf(action).orElseThrow(),
                        step.paths().get("destination"), state);
                case FIRMWARE_UPDATE -> unpacked(space, manifest, archives, archiveOf(action).orElseThrow(),
                        step.paths().get("directory"), state);
                case SCRIPT_RUN, PACKAGE_INSTALL -> {
                    for (FieldValue ref : action.payloadReferences()) {
                        space.add(state, size(manifest, ref.value()));
                    }
                }
                case FILE_DELETE -> {
                    Path path = step.paths().get("path");
                    if (Files.exists(path, LinkOption.NOFOLLOW_LINKS) && !DiskSpace.sameStore(path, state)) {
                        space.add(state, Trees.size(path));
                    }
                }
                default -> {
                }
            }
        }
        return space;
    }

    /** The unpacked tree beside its destination, as the unpacker counts it; a zip's spool in the state directory. */
    private static void unpacked(DiskSpace space, Manifest manifest,
            Map<ArchiveKey, Optional<PayloadArchive.Summary>> archives, ArchiveKey archive, Path destination,
            Path state) throws IOException {
        Optional<PayloadArchive.Summary> summary = archives.getOrDefault(archive, Optional.empty());
        if (summary.isPresent()) {
            space.add(destination, summary.get().diskBytes());
        }
        if (archive.format() == ArchiveFormat.ZIP) {
            space.add(state, size(manifest, archive.source()));
        }
    }

    private static void backup(DiskSpace space, Path target, Path state) throws IOException {
        if (Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS) && !DiskSpace.sameStore(target, state)) {
            space.add(state, Files.size(target));
        }
    }

    private static long size(Manifest manifest, String payload) {
        return manifest.payload(payload).map(PayloadFile::size).orElse(0L);
    }
}
