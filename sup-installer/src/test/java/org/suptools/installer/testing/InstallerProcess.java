package org.suptools.installer.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.suptools.installer.cli.InstallerMain;
import org.suptools.installer.fs.TestPause;

/**
 * The real installer as a child process ({@code java -cp <this test's classpath> InstallerMain}),
 * with the heap of a gateway (64 MiB). It can be told to pause at a point of its journal or copy,
 * and then killed with SIGKILL.
 */
public final class InstallerProcess {

    private final Process process;
    private final CompletableFuture<List<String>> stdout;
    private final List<String> stderr = new ArrayList<>();
    private final CompletableFuture<Boolean> paused = new CompletableFuture<>();

    private InstallerProcess(Process process) {
        this.process = process;
        this.stdout = CompletableFuture.supplyAsync(() -> lines(process.getInputStream()));
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getErrorStream(),
                    StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    synchronized (stderr) {
                        stderr.add(line);
                    }
                    if (line.startsWith(TestPause.MARKER)) {
                        paused.complete(true);
                    }
                }
            } catch (IOException e) {
                // The process was killed.
            }
            paused.complete(false);
        }, "installer-stderr");
        reader.setDaemon(true);
        reader.start();
    }

    /** Starts {@code sup-installer ARGS}, pausing at {@code pauseAt} if given. */
    public static InstallerProcess start(List<String> args, Optional<String> pauseAt) throws IOException {
        return start(args, pauseAt, true);
    }

    /**
     * @param quickStart compile with C1 only: starts sooner, but hashes large payloads slower
     */
    public static InstallerProcess start(List<String> args, Optional<String> pauseAt, boolean quickStart)
            throws IOException {
        return start(args, pauseAt, Map.of(), quickStart);
    }

    /**
     * @param environment variables added to the process's environment, such as a
     *                    {@link org.suptools.installer.fs.TestFault} point
     */
    public static InstallerProcess start(List<String> args, Optional<String> pauseAt, Map<String, String> environment,
            boolean quickStart) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of("-Xmx64m", "-XX:+UseSerialGC", "-Xshare:auto"));
        if (quickStart) {
            command.add("-XX:TieredStopAtLevel=1");
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), InstallerMain.class.getName()));
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command);
        Map<String, String> variables = builder.environment();
        variables.remove(TestPause.VARIABLE);
        variables.remove(org.suptools.installer.fs.TestFault.VARIABLE);
        pauseAt.ifPresent(point -> variables.put(TestPause.VARIABLE, point));
        variables.putAll(environment);
        return new InstallerProcess(builder.start());
    }

    /** True once it paused at its point; false when it ended without reaching it. */
    public boolean awaitPause(long seconds) throws Exception {
        return paused.get(seconds, TimeUnit.SECONDS);
    }

    /** SIGKILL, as a power loss would stop it: no shutdown hooks, no finally blocks. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    public int waitFor(long seconds) throws Exception {
        if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the installer did not end within " + seconds + " s; stderr: " + stderr());
        }
        return process.exitValue();
    }

    public List<String> stdout() throws Exception {
        return stdout.get(30, TimeUnit.SECONDS);
    }

    public List<String> stderr() {
        synchronized (stderr) {
            return List.copyOf(stderr);
        }
    }

    private static List<String> lines(java.io.InputStream in) {
        List<String> lines = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                lines.add(line);
            }
        } catch (IOException e) {
            // Killed.
        }
        return lines;
    }
}
