package org.suptools.tr50;

/**
 * The params of a successful {@code file.get} reply: {@code {fileId, fileSize, crc32}}. The file id
 * is good for one {@code GET <endpoint>/file/<fileId>} within about 300 seconds; a resumed download
 * asks again.
 *
 * @param fileId the single-use id to download with
 * @param fileSize the file's size in bytes
 * @param crc32 the IEEE CRC-32 of the whole file, 0 to 4294967295
 */
public record FileGetResult(String fileId, long fileSize, long crc32) {

    private static final long MAX_CRC32 = 0xFFFF_FFFFL;

    public FileGetResult {
        Checks.singleLine("fileId", fileId);
        if (fileSize < 0) {
            throw new InvalidFieldException("fileSize", "must be 0 or more, was " + fileSize);
        }
        if (crc32 < 0 || crc32 > MAX_CRC32) {
            throw new InvalidFieldException("crc32", "must be an unsigned 32-bit value (0 to 4294967295), was " + crc32);
        }
    }

    public Params toParams() {
        return Params.builder().put("fileId", fileId).put("fileSize", fileSize).put("crc32", crc32).build();
    }

    /**
     * Reads the params of a {@code file.get} reply.
     *
     * @throws Tr50Exception naming the field, such as {@code fileSize}
     */
    public static FileGetResult read(Params params) throws Tr50Exception {
        FieldReader in = FieldReader.of(params, Location.root());
        String fileId = in.string("fileId");
        long fileSize = in.wholeNumber("fileSize");
        long crc32 = in.wholeNumber("crc32");
        return in.build(() -> new FileGetResult(fileId, fileSize, crc32));
    }
}
