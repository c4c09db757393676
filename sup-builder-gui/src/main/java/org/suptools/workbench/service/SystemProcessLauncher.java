package org.suptools.workbench.service;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Starts real processes with {@link ProcessBuilder}; standard error goes to a temporary file. */
public final class SystemProcessLauncher implements ProcessLauncher {

    private static final int TAIL_CHARS = 4000;

    @Override
    public RunningProcess start(List<String> command) throws IOException {
        Path stderr = Files.createTempFile("sup-workbench-installer", ".err");
        Process process = new ProcessBuilder(command)
                .redirectError(stderr.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(nullFile()))
                .start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        return new RunningProcess() {
            @Override
            public BufferedReader stdout() {
                return out;
            }

            @Override
            public String stderrTail() {
                try {
                    String text = Files.readString(stderr, StandardCharsets.UTF_8);
                    Files.deleteIfExists(stderr);
                    return text.length() > TAIL_CHARS ? text.substring(text.length() - TAIL_CHARS) : text;
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }

            @Override
            public int waitFor() throws InterruptedException {
                return process.waitFor();
            }

            @Override
            public void destroy() {
                process.descendants().forEach(ProcessHandle::destroy);
                process.destroy();
            }
        };
    }

    private static java.io.File nullFile() {
        return new java.io.File(System.getProperty("os.name").startsWith("Windows") ? "NUL" : "/dev/null");
    }
}
