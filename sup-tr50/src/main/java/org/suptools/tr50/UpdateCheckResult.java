package org.suptools.tr50;

import java.util.Optional;

/**
 * The params of a successful {@code update.check} reply: {@code {"upToDate": true}}, or the release to
 * install with a single-use file id to download it, as {@code file.get} issues them.
 *
 * @param update the release, absent when the gateway is up to date
 */
public record UpdateCheckResult(Optional<Update> update) {

    private static final long MAX_CRC32 = 0xFFFF_FFFFL;

    public UpdateCheckResult {
        Checks.optional("update", update);
    }

    public static UpdateCheckResult upToDate() {
        return new UpdateCheckResult(Optional.empty());
    }

    /**
     * A release to install.
     *
     * @param name its package name
     * @param version its SemVer version
     * @param installedVersion the version the gateway said it has, when it said one
     * @param fileName the Developer File, for a later {@code file.get {fileName, global: true}}
     * @param fileId the single-use id for {@code GET <endpoint>/file/<fileId>}
     * @param fileSize its size in bytes
     * @param crc32 the IEEE CRC-32 of the whole file
     * @param sha256 its SHA-256, lower-case hex
     */
    public record Update(String name, String version, Optional<String> installedVersion, String fileName,
            String fileId, long fileSize, long crc32, String sha256) {

        public Update {
            Checks.singleLine("name", name);
            Checks.singleLine("version", version);
            Checks.nonBlank("installedVersion", installedVersion);
            Checks.singleLine("fileName", fileName);
            Checks.singleLine("fileId", fileId);
            if (fileSize < 0) {
                throw new InvalidFieldException("fileSize", "must be 0 or more, was " + fileSize);
            }
            if (crc32 < 0 || crc32 > MAX_CRC32) {
                throw new InvalidFieldException("crc32", "must be an unsigned 32-bit value (0 to 4294967295), was "
                        + crc32);
            }
            if (sha256 == null || !sha256.matches("[0-9a-f]{64}")) {
                throw new InvalidFieldException("sha256", "must be 64 lower-case hex digits");
            }
        }
    }

    public Params toParams() {
        if (update.isEmpty()) {
            return Params.builder().put("upToDate", true).build();
        }
        Update u = update.get();
        Params.Builder out = Params.builder().put("upToDate", false).put("name", u.name()).put("version", u.version());
        u.installedVersion().ifPresent(v -> out.put("installedVersion", v));
        return out.put("fileName", u.fileName()).put("fileId", u.fileId()).put("fileSize", u.fileSize())
                .put("crc32", u.crc32()).put("sha256", u.sha256()).build();
    }

    /**
     * Reads the params of an {@code update.check} reply.
     *
     * @throws Tr50Exception naming the field, such as {@code sha256}
     */
    public static UpdateCheckResult read(Params params) throws Tr50Exception {
        FieldReader in = FieldReader.of(params, Location.root());
        if (in.bool("upToDate")) {
            return upToDate();
        }
        String name = in.string("name");
        String version = in.string("version");
        Optional<String> installed = in.optionalString("installedVersion");
        String fileName = in.string("fileName");
        String fileId = in.string("fileId");
        long fileSize = in.wholeNumber("fileSize");
        long crc32 = in.wholeNumber("crc32");
        String sha256 = in.string("sha256");
        return in.build(() -> new UpdateCheckResult(Optional.of(new Update(name, version, installed, fileName, fileId,
                fileSize, crc32, sha256))));
    }
}
