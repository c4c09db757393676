package org.suptools.installer.plan;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.suptools.installer.InstallError;
import org.suptools.installer.RefusedException;
import org.suptools.installer.config.GatewayConfig;
import org.suptools.installer.exec.Payloads;
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
 * certificates parseable, and the free space enough for the payloads, unpacked archives and backups.
 */
public final class Planner {

    /** Unpacked archive sizes are counted up to this; beyond it the unpack limit refuses anyway. */
    private static final long UNPACK_COUNT_CAP = 1L << 40;

    private final GatewayConfig config;
    private final PathGuard guard;

    public Planner(GatewayConfig config) {
        this.config = config;
        this.guard = new PathGuard(config);
    }

    public Plan plan(Manifest manifest, GatewayProfile gateway, Payloads payloads) throws RefusedException, IOException {
        List<String> problems = new ArrayList<>();
        List<PlannedAction> planned = new ArrayList<>();
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
            if (action instanceof CertificateInstall certificate && manifest.payload(certificate.source()).isPresent()) {
                certificateProblem(payloads, certificate.source()).ifPresent(p -> problems.add(where + ".source: " + p));
            }
            planned.add(new PlannedAction(i + 1, action, paths, timeout, Optional.empty()));
        }
        if (!problems.isEmpty()) {
            throw new RefusedException(InstallError.PLAN_REFUSED, problems);
        }
        DiskSpace space = diskSpace(manifest, planned, payloads);
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
     * their destination plus a spooled zip in the state directory, scripts and OS packages copied
     * into the state directory, and trees a delete must copy when a rename cannot reach the backups.
     */
    private DiskSpace diskSpace(Manifest manifest, List<PlannedAction> planned, Payloads payloads) throws IOException {
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
                    space.add(destination, size(manifest, source));
                    backup(space, destination, state);
                }
                case PROPERTIES_SET -> {
                    Path file = step.paths().get("file");
                    space.add(file, Trees.size(file) + 64 * 1024);
                    backup(space, file, state);
                }
                case ARCHIVE_EXTRACT -> {
                    ArchiveExtract extract = (ArchiveExtract) action;
                    unpacked(space, manifest, payloads, extract.source(), extract.effectiveFormat().orElseThrow(),
                            step.paths().get("destination"), state);
                }
                case FIRMWARE_UPDATE -> {
                    FirmwareUpdate update = (FirmwareUpdate) action;
                    unpacked(space, manifest, payloads, update.source(), update.effectiveFormat().orElseThrow(),
                            step.paths().get("directory"), state);
                }
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

    private void unpacked(DiskSpace space, Manifest manifest, Payloads payloads, String source, ArchiveFormat format,
            Path destination, Path state) throws IOException {
        long payloadSize = size(manifest, source);
        long unpacked;
        try (InputStream in = payloads.open(source)) {
            unpacked = UnpackedSize.of(in, format, payloadSize, UNPACK_COUNT_CAP);
        }
        space.add(destination, unpacked);
        if (format == ArchiveFormat.ZIP) {
            space.add(state, payloadSize);
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
