package org.suptools.model.archive;

import static org.suptools.model.InvalidPackageException.Reason.DUPLICATE_ENTRY;
import static org.suptools.model.InvalidPackageException.Reason.MANIFEST_NOT_FIRST;
import static org.suptools.model.InvalidPackageException.Reason.SPECIAL_ENTRY;
import static org.suptools.model.InvalidPackageException.Reason.UNLISTED_ENTRY;
import static org.suptools.model.InvalidPackageException.Reason.UNSAFE_ENTRY_NAME;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.zip.ZipEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.suptools.model.InvalidPackageException;
import org.suptools.model.InvalidPackageException.Reason;
import org.suptools.model.manifest.PayloadFile;

/**
 * The structural rules every entry of a .sup must pass before anything in it is used: a safe
 * and unique name, a regular file, STORED or DEFLATED without encryption, and its place in the
 * layout ({@code manifest.json} first, {@code signatures.json} optionally second, then only
 * {@code payload/} entries).
 */
final class EntryRules {

    private static final int FILE_TYPE_MASK = 0170000;
    private static final int REGULAR_FILE = 0100000;
    private static final int MSDOS_DIRECTORY_OR_VOLUME = 0x18;

    private final Path file;

    EntryRules(Path file) {
        this.file = file;
    }

    /** Checks every entry, in the physical order of the archive. */
    void check(List<ZipArchiveEntry> entries) throws InvalidPackageException {
        if (entries.isEmpty()) {
            throw refuse(MANIFEST_NOT_FIRST, "has no entries; " + EntryNames.MANIFEST + " must come first");
        }
        if (entries.get(0).getLocalHeaderOffset() != 0) {
            throw refuse(MANIFEST_NOT_FIRST, "has data before its first entry");
        }
        Set<String> seen = new HashSet<>();
        for (int index = 0; index < entries.size(); index++) {
            checkEntry(index, entries.get(index), seen);
        }
    }

    private void checkEntry(int index, ZipArchiveEntry entry, Set<String> seen) throws InvalidPackageException {
        String name = entry.getName();
        boolean trailingSlash = name.endsWith("/");
        String path = trailingSlash ? name.substring(0, name.length() - 1) : name;
        var problem = EntryNames.problem(path);
        if (problem.isPresent()) {
            throw refuse(UNSAFE_ENTRY_NAME, name, "is unsafe: it " + problem.get());
        }
        if (!EntryNames.isUtf8(entry.getRawName())) {
            // Commons Compress decodes a malformed byte to '?', which alone would look harmless.
            throw refuse(UNSAFE_ENTRY_NAME, name, "is unsafe: it is not valid UTF-8");
        }
        if (containsBackslash(entry.getRawName())) {
            // Commons Compress turns backslashes into '/' in names from MS-DOS systems; the raw name tells.
            throw refuse(UNSAFE_ENTRY_NAME, name, "is unsafe: it contains a backslash");
        }
        if (!seen.add(name)) {
            throw refuse(DUPLICATE_ENTRY, name, "appears more than once");
        }
        checkRegularFile(entry, trailingSlash);
        checkMethod(entry);
        checkPlace(index, name);
    }

    private static boolean containsBackslash(byte[] rawName) {
        for (byte b : rawName) {
            if (b == '\\') {
                return true;
            }
        }
        return false;
    }

    private void checkRegularFile(ZipArchiveEntry entry, boolean trailingSlash) throws InvalidPackageException {
        String name = entry.getName();
        if (entry.isUnixSymlink()) {
            throw refuse(SPECIAL_ENTRY, name, "is a symbolic link");
        }
        int unixType = entry.getPlatform() == ZipArchiveEntry.PLATFORM_UNIX ? entry.getUnixMode() & FILE_TYPE_MASK : 0;
        if (trailingSlash || unixType == 040000 || (entry.getExternalAttributes() & MSDOS_DIRECTORY_OR_VOLUME) != 0) {
            throw refuse(SPECIAL_ENTRY, name, "is a directory");
        }
        if (unixType != 0 && unixType != REGULAR_FILE) {
            throw refuse(SPECIAL_ENTRY, name, String.format("is not a regular file (unix mode %06o)", entry.getUnixMode()));
        }
    }

    private void checkMethod(ZipArchiveEntry entry) throws InvalidPackageException {
        if (entry.getGeneralPurposeBit().usesEncryption()) {
            throw refuse(SPECIAL_ENTRY, entry.getName(), "is encrypted");
        }
        int method = entry.getMethod();
        if (method != ZipEntry.STORED && method != ZipEntry.DEFLATED) {
            throw refuse(SPECIAL_ENTRY, entry.getName(),
                    "uses compression method " + method + "; only STORED (0) and DEFLATED (8) are allowed");
        }
    }

    private void checkPlace(int index, String name) throws InvalidPackageException {
        if (index == 0) {
            if (!name.equals(EntryNames.MANIFEST)) {
                throw refuse(MANIFEST_NOT_FIRST, "starts with " + EntryNames.quoted(name) + "; "
                        + EntryNames.MANIFEST + " must be the first entry");
            }
        } else if (name.equals(EntryNames.MANIFEST)) {
            throw refuse(DUPLICATE_ENTRY, name, "appears more than once");
        } else if (name.equals(EntryNames.SIGNATURES)) {
            if (index != 1) {
                throw refuse(UNLISTED_ENTRY, name, "must be the second entry, found at position " + (index + 1));
            }
        } else if (!name.startsWith(PayloadFile.PREFIX)) {
            throw refuse(UNLISTED_ENTRY, name, "has no place in a .sup (only " + EntryNames.MANIFEST + ", "
                    + EntryNames.SIGNATURES + " and " + PayloadFile.PREFIX + "... are allowed)");
        }
    }

    private InvalidPackageException refuse(Reason reason, String name, String what) {
        return refuse(reason, "entry " + EntryNames.quoted(name) + " " + what);
    }

    private InvalidPackageException refuse(Reason reason, String what) {
        return new InvalidPackageException(reason, file + ": " + what);
    }
}
