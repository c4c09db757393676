package org.suptools.installer.archive;

import org.suptools.model.archive.EntryNameRule;

/** Entry names of archive payloads made clean relative paths, by the model's {@link EntryNameRule}. */
final class EntryPaths {

    private EntryPaths() {
    }

    /**
     * The entry name as a clean relative path ({@code ./a//b/} becomes {@code a/b}; {@code ./} becomes
     * empty), or a refusal naming the entry when {@link EntryNameRule#PAYLOAD_ARCHIVE_ENTRY} finds it
     * unsafe: absolute, climbing out with {@code ..}, holding a backslash, a control character or
     * invalid Unicode, starting with a drive letter, or too long for the file system.
     */
    static String normalise(String name) throws UnsafeArchiveException {
        var problem = EntryNameRule.PAYLOAD_ARCHIVE_ENTRY.problem(name);
        if (problem.isPresent()) {
            throw UnsafeArchiveException.entry(name, problem.get());
        }
        return EntryNameRule.PAYLOAD_ARCHIVE_ENTRY.normalised(name);
    }
}
