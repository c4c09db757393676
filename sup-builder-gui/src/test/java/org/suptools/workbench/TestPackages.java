package org.suptools.workbench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Stream;
import org.suptools.installer.api.client.InstallerLauncher;
import org.suptools.workbench.service.BackgroundRunner;
import org.suptools.workbench.service.FilePayloadStore;
import org.suptools.workbench.service.ModelPackageService;
import org.suptools.workbench.viewmodel.MainViewModel;

/** Example packages and services for tests. */
public final class TestPackages {

    public static final Clock CLOCK = Clock.fixed(Instant.parse("2026-06-01T00:00:00Z"), ZoneOffset.UTC);

    private TestPackages() {
    }

    /** The model's example spec with every action type. */
    public static Path allActionsExample() {
        return Path.of("../sup-model/src/test/resources/specs/all-actions").toAbsolutePath().normalize();
    }

    /** A copy of the example in {@code dir}; returns its sup.yaml. */
    public static Path copyAllActions(Path dir) throws IOException {
        Path source = allActionsExample();
        try (Stream<Path> files = Files.walk(source)) {
            for (Path file : files.toList()) {
                Path target = dir.resolve(source.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target);
                }
            }
        }
        return dir.resolve("sup.yaml");
    }

    /** Services that do the real work in place, with a fixed clock and the given installer. */
    public static MainViewModel.Services services(InstallerLauncher launcher) {
        return new MainViewModel.Services(new FilePayloadStore(), new ModelPackageService(CLOCK),
                BackgroundRunner.IN_PLACE, launcher, List.of("sup-installer"), CLOCK);
    }

    public static MainViewModel.Services services() {
        return services(command -> {
            throw new IOException("no installer in this test");
        });
    }
}
