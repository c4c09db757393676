package org.suptools.portal.store;

import com.fasterxml.jackson.core.type.TypeReference;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;
import org.suptools.model.manifest.Manifest;
import org.suptools.model.version.SemVer;
import org.suptools.portal.releases.DeviceDescription;
import org.suptools.portal.releases.Policy;

/**
 * The releases, in {@code releases.json}: Developer Files published with a distribution policy, and the
 * answer to a gateway's check: the newest release, by SemVer precedence, whose policy selects the gateway
 * and that is newer than what the gateway has installed of that package.
 */
public final class Releases {

    private static final Logger LOG = Logger.getLogger(Releases.class.getName());
    private static final TypeReference<List<Release>> LIST = new TypeReference<>() {
    };
    /** Newest first; one version published under two package names is ordered by name. */
    private static final Comparator<Release> NEWEST_FIRST = Comparator.comparing(Release::semVer)
            .reversed().thenComparing(Release::name);

    private final DataDir data;
    private final Clock clock;
    private final FileStore developerFiles;

    public Releases(DataDir data, Clock clock) {
        this.data = data;
        this.clock = clock;
        this.developerFiles = FileStore.developerFiles(data, clock);
    }

    /**
     * Publishes a Developer File (a .sup) as a release under its manifest's name and version.
     *
     * @throws IllegalArgumentException if there is no such file, it is not a readable .sup, or the policy does
     *     not parse (the message names the column)
     * @throws RefusedException if that name and version is already published
     */
    public Release publish(String fileName, String policy) {
        Policy.parse(policy);
        return data.locked(() -> {
            StoredFile file = developerFiles.find(fileName).orElseThrow(() -> new IllegalArgumentException(
                    "FILE: no Developer File named " + Names.quote(fileName) + " (upload it first)"));
            if (!file.isSup()) {
                throw new IllegalArgumentException("FILE: " + fileName + " is not a .sup");
            }
            Path bytes = developerFiles.bytes(file);
            Manifest manifest = SupFiles.manifest(bytes, fileName);
            List<Release> all = new ArrayList<>(all());
            String version = manifest.version().toString();
            all.stream().filter(r -> r.name().equals(manifest.name()) && r.semVer().precedenceEquals(manifest.version()))
                    .findFirst().ifPresent(r -> {
                        throw new RefusedException("release " + r.label() + " is already published (from "
                                + r.fileName() + "); withdraw it first");
                    });
            Release release = new Release(manifest.name(), version, file.name(), file.blob(), file.size(),
                    file.crc32(), SupFiles.sha256(bytes, fileName), policy, clock.instant());
            all.add(release);
            all.sort(NEWEST_FIRST);
            data.write(file(), all);
            return release;
        });
    }

    /**
     * Withdraws a release: no check is answered with it from now on.
     *
     * @throws IllegalArgumentException if there is no such release
     */
    public Release withdraw(String name, String version) {
        return data.locked(() -> {
            List<Release> all = new ArrayList<>(all());
            Release release = all.stream().filter(r -> r.name().equals(name) && r.version().equals(version))
                    .findFirst().orElseThrow(() -> new IllegalArgumentException("no release " + name + " " + version));
            all.remove(release);
            data.write(file(), all);
            return release;
        });
    }

    /** Every release, newest first. */
    public List<Release> all() {
        return data.read(file(), LIST).map(list -> list.stream().sorted(NEWEST_FIRST).toList()).orElse(List.of());
    }

    /** Whether the Developer File still holds the bytes the release was published with. */
    public boolean isCurrent(Release release) {
        return developerFiles.find(release.fileName()).filter(f -> f.blob().equals(release.blob())).isPresent();
    }

    /** The bytes of a current release. */
    public Optional<StoredFile> file(Release release) {
        return developerFiles.find(release.fileName()).filter(f -> f.blob().equals(release.blob()));
    }

    /** Where a release's bytes are. */
    public Path bytes(StoredFile file) {
        return developerFiles.bytes(file);
    }

    /**
     * The release a gateway should install: among the releases (of {@code onlyName}, when given) whose policy
     * selects the device and that are newer than its installed version of the same package, the newest.
     */
    public Optional<Release> newestFor(DeviceDescription device, Optional<String> onlyName) {
        for (Release release : all()) {
            if (onlyName.isPresent() && !onlyName.get().equals(release.name())) {
                continue;
            }
            Optional<SemVer> installed = device.installed(release.name());
            if (installed.isPresent() && installed.get().compareTo(release.semVer()) >= 0) {
                continue;
            }
            if (!release.parsedPolicy().matches(device)) {
                continue;
            }
            if (!isCurrent(release)) {
                LOG.warning(() -> "release " + release.label() + " skipped: Developer File " + release.fileName()
                        + " was replaced or deleted since it was published");
                continue;
            }
            return Optional.of(release);
        }
        return Optional.empty();
    }

    /** The releases that send this Developer File, for {@code file delete}. */
    List<Release> sending(String fileName) {
        return all().stream().filter(r -> r.fileName().equals(fileName)).toList();
    }

    private Path file() {
        return data.resolve("releases.json");
    }
}
