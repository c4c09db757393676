package org.suptools.installer.journal;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.suptools.installer.api.json.ContractJson;
import org.suptools.installer.fs.Durable;
import org.suptools.installer.fs.TestFault;
import org.suptools.installer.fs.TestPause;

/**
 * The install journal: JSON lines appended and forced to disk ({@code FileChannel.force(true)})
 * one record at a time, so that a record on disk always precedes the change it announces. The
 * records written are also kept in memory, in order, for the running installer.
 */
public final class Journal implements AutoCloseable {

    /** The journal of the install in progress, under the state directory. */
    public static final String CURRENT = "journal/current.jsonl";
    /** Where the journal of the last finished install is kept, for people who want to look. */
    public static final String LAST = "journal/last.jsonl";

    private final Path file;
    private final FileChannel channel;
    private final List<JournalRecord> records;
    /** Set when a failed append could not be cut back: nothing may follow the torn line. */
    private IOException broken;

    private Journal(Path file, FileChannel channel, List<JournalRecord> records) {
        this.file = file;
        this.channel = channel;
        this.records = records;
    }

    /** Starts a new journal; there must be none in progress. */
    public static Journal create(Path stateDir) throws IOException {
        Path file = stateDir.resolve(CURRENT);
        Files.createDirectories(file.getParent());
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND);
        Durable.syncDir(file.getParent());
        return new Journal(file, channel, new ArrayList<>());
    }

    /** Opens the journal in progress to go on writing it, with what it already holds. */
    public static Journal resume(Path stateDir) throws IOException {
        Path file = stateDir.resolve(CURRENT);
        List<JournalRecord> existing = read(file);
        FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE);
        channel.truncate(validLength(file));
        channel.position(channel.size());
        return new Journal(file, channel, new ArrayList<>(existing));
    }

    /** True when an install's journal is in progress (it was not finished). */
    public static boolean inProgress(Path stateDir) {
        return Files.exists(stateDir.resolve(CURRENT));
    }

    /**
     * Appends a record and forces it to disk. When that fails (a full disk, an I/O error), the
     * file is cut back to where it was, so that a torn line never sits between two good ones, and
     * the record counts as not written.
     */
    public synchronized void append(JournalRecord record) throws IOException {
        int number = records.size() + 1;
        TestPause.at("before-journal:" + number);
        ByteBuffer bytes = ByteBuffer.wrap((ContractJson.line(record) + "\n").getBytes(StandardCharsets.UTF_8));
        if (broken != null) {
            throw new IOException("the journal " + file + " cannot be written since an earlier failure: "
                    + broken.getMessage(), broken);
        }
        long length = channel.size();
        try {
            TestFault.journal(number);
            while (bytes.hasRemaining()) {
                channel.write(bytes);
            }
            channel.force(true);
        } catch (IOException e) {
            try {
                channel.truncate(length);
                channel.position(length);
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
                broken = e;
            }
            throw e;
        }
        records.add(record);
        TestPause.at("journal:" + number);
    }

    public synchronized List<JournalRecord> records() {
        return List.copyOf(records);
    }

    public synchronized JournalState state() {
        return JournalState.of(records);
    }

    /** Closes it and moves it aside as the last finished journal. */
    public void finish(Path stateDir) throws IOException {
        close();
        Durable.move(file, stateDir.resolve(LAST));
    }

    @Override
    public void close() throws IOException {
        if (channel.isOpen()) {
            channel.close();
        }
    }

    /**
     * The records of a journal file. A last line cut short by a crash is ignored: it was never
     * forced, so the change it would have announced was never made.
     */
    public static List<JournalRecord> read(Path file) throws IOException {
        List<JournalRecord> records = new ArrayList<>();
        List<String> lines = complete(file);
        for (int i = 0; i < lines.size(); i++) {
            try {
                records.add(ContractJson.mapper().readValue(lines.get(i), JournalRecord.class));
            } catch (JsonProcessingException e) {
                if (i == lines.size() - 1) {
                    break;
                }
                throw new IOException(file + ": line " + (i + 1) + " is not a journal record: " + e.getOriginalMessage(), e);
            }
        }
        return records;
    }

    private static List<String> complete(Path file) throws IOException {
        List<String> lines = new ArrayList<>();
        String text = Files.readString(file, StandardCharsets.UTF_8);
        int start = 0;
        for (int nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', start)) {
            lines.add(text.substring(start, nl));
            start = nl + 1;
        }
        return lines;
    }

    /** The length up to and including the last complete, parseable line. */
    private static long validLength(Path file) throws IOException {
        byte[] all = Files.readAllBytes(file);
        long length = 0;
        int start = 0;
        for (int i = 0; i < all.length; i++) {
            if (all[i] == '\n') {
                try {
                    ContractJson.mapper().readValue(new String(all, start, i - start, StandardCharsets.UTF_8),
                            JournalRecord.class);
                } catch (JsonProcessingException e) {
                    break;
                }
                length = i + 1;
                start = i + 1;
            }
        }
        return length;
    }
}
