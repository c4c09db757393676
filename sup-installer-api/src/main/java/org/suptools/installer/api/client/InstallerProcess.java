package org.suptools.installer.api.client;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Starts real processes whose standard output and error go to files, {@code <name>.out} and
 * {@code <name>.err} in an output directory, not to pipes: a runtime the installer starts in the
 * background inherits them, and a pipe it keeps open would hold the caller up after the installer
 * has ended. Standard output is followed as it grows, a line at a time.
 */
public final class InstallerProcess implements InstallerLauncher {

    private static final long POLL_MILLIS = 50;
    private static final int TAIL_CHARS = 4000;
    /** The installer reads nothing: standard input is the null device, on Windows (the Workbench) too. */
    private static final File NO_INPUT =
            new File(System.getProperty("os.name").startsWith("Windows") ? "NUL" : "/dev/null");

    private final Path outputDir;
    private final String name;
    private final Duration timeout;
    private final LongSupplier nanoClock;

    /**
     * @param outputDir where the output files go; created when missing
     * @param name      the output files' name, such as {@code install}
     * @param timeout   how long a process may run before it is stopped and {@link Running#follow} fails
     */
    public InstallerProcess(Path outputDir, String name, Duration timeout) {
        this(outputDir, name, timeout, System::nanoTime);
    }

    /** As above, with the timeout measured on {@code nanoClock} (a test's clock) instead of {@link System#nanoTime}. */
    public InstallerProcess(Path outputDir, String name, Duration timeout, LongSupplier nanoClock) {
        this.outputDir = outputDir;
        this.name = name;
        this.timeout = timeout;
        this.nanoClock = nanoClock;
    }

    public Path out() {
        return outputDir.resolve(name + ".out");
    }

    public Path err() {
        return outputDir.resolve(name + ".err");
    }

    @Override
    public Running start(List<String> command) throws IOException {
        Files.createDirectories(outputDir);
        Process process = new ProcessBuilder(command)
                .redirectInput(ProcessBuilder.Redirect.from(NO_INPUT))
                .redirectOutput(out().toFile())
                .redirectError(err().toFile())
                .start();
        return new Followed(process, String.join(" ", command));
    }

    private final class Followed implements Running {

        private final Process process;
        private final String shown;

        Followed(Process process, String shown) {
            this.process = process;
            this.shown = shown;
        }

        @Override
        public int follow(Consumer<String> onLine) throws IOException, InterruptedException {
            long deadline = nanoClock.getAsLong() + timeout.toNanos();
            try (RandomAccessFile reader = new RandomAccessFile(out().toFile(), "r")) {
                ByteArrayOutputStream pending = new ByteArrayOutputStream();
                while (true) {
                    boolean ended = process.waitFor(POLL_MILLIS, TimeUnit.MILLISECONDS);
                    readLines(reader, pending, onLine);
                    if (ended) {
                        break;
                    }
                    if (nanoClock.getAsLong() - deadline > 0) {
                        stop();
                        throw new IOException(shown + " did not finish within " + timeout.toSeconds()
                                + " s and was stopped; its output is in " + out() + " and " + err());
                    }
                }
                if (pending.size() > 0) {
                    onLine.accept(pending.toString(StandardCharsets.UTF_8));
                }
            } catch (InterruptedException e) {
                stop();
                throw e;
            }
            return process.exitValue();
        }

        @Override
        public String stderrTail() throws IOException {
            String text = Files.readString(err(), StandardCharsets.UTF_8);
            return text.length() > TAIL_CHARS ? text.substring(text.length() - TAIL_CHARS) : text;
        }

        @Override
        public void stop() {
            process.descendants().forEach(ProcessHandle::destroy);
            process.destroy();
        }
    }

    /** Hands on the complete lines written since the last call; split at newlines only, never mid-character. */
    private static void readLines(RandomAccessFile reader, ByteArrayOutputStream pending, Consumer<String> onLine)
            throws IOException {
        byte[] buffer = new byte[1 << 16];
        for (int read = reader.read(buffer); read > 0; read = reader.read(buffer)) {
            for (int i = 0; i < read; i++) {
                if (buffer[i] == '\n') {
                    onLine.accept(pending.toString(StandardCharsets.UTF_8));
                    pending.reset();
                } else {
                    pending.write(buffer[i]);
                }
            }
        }
    }
}
