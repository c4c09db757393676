package org.suptools.model.spec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.suptools.model.archive.PayloadSource;
import org.suptools.model.files.AtomicFiles;
import org.suptools.model.json.DocumentFiles;
import org.suptools.model.json.DocumentFiles.DocumentException;
import org.suptools.model.json.SupJson;
import org.suptools.model.manifest.PayloadFile;
import org.suptools.model.problem.Problem;
import org.suptools.model.validation.PackageValidator;
import org.suptools.model.validation.SpecException;

/**
 * Reads and writes {@code sup.yaml} specs (YAML, or JSON when the file ends in {@code .json}) and
 * finds their payload files.
 */
public final class SpecFiles {

    /** The spec file name looked for when a directory is given. */
    public static final String DEFAULT_NAME = "sup.yaml";
    private static final List<String> NAMES = List.of("sup.yaml", "sup.yml", "sup.json");
    /** A spec is small; a bigger file is a mistake (or an attack on the YAML parser). */
    private static final long MAX_SPEC_BYTES = 4L * 1024 * 1024;

    private SpecFiles() {
    }

    /** The spec file for a path that is either a spec or a directory holding {@code sup.yaml}. */
    public static Path resolve(Path specOrDir) throws SpecException {
        if (Files.isDirectory(specOrDir)) {
            for (String name : NAMES) {
                Path candidate = specOrDir.resolve(name);
                if (Files.isRegularFile(candidate)) {
                    return candidate;
                }
            }
            throw new SpecException(specOrDir, List.of(Problem.error("", "no sup.yaml, sup.yml or sup.json in this directory")));
        }
        if (!Files.exists(specOrDir)) {
            throw new SpecException(specOrDir, List.of(Problem.error("", "no such file")));
        }
        return specOrDir;
    }

    /**
     * Reads a spec and its payload files and runs every check. Errors throw; warnings are left in
     * the result of {@link #check}.
     */
    public static LoadedSpec load(Path specOrDir) throws SpecException {
        Path file = resolve(specOrDir);
        PackageSpec spec = parse(file);
        Path payloadDir = file.toAbsolutePath().getParent().resolve(spec.effectivePayloadDir());
        return new LoadedSpec(file, spec, listPayloads(file, payloadDir));
    }

    /** All problems of a loaded spec, errors and warnings, as of {@code now}. */
    public static List<Problem> check(LoadedSpec loaded, Instant now) {
        List<Problem> problems = new ArrayList<>(new PackageValidator(now).validate(loaded.spec().contents(loaded.payloadNames())));
        problems.addAll(unstorablePayloadNames(loaded));
        return problems;
    }

    /** Payload files whose names an archive entry cannot carry (a ':' or a backslash, say). */
    private static List<Problem> unstorablePayloadNames(LoadedSpec loaded) {
        List<Problem> problems = new ArrayList<>();
        for (SpecPayload payload : loaded.payloads()) {
            try {
                new PayloadSource(PayloadFile.PREFIX + payload.name(), payload.file());
            } catch (IllegalArgumentException e) {
                String reason = e.getMessage().startsWith("path: ") ? e.getMessage().substring(6) : e.getMessage();
                problems.add(Problem.error("payloads", reason + "; rename the file"));
            }
        }
        return problems;
    }

    /** Loads and checks; throws with every error when there is any. */
    public static LoadedSpec loadValid(Path specOrDir, Instant now) throws SpecException {
        LoadedSpec loaded = load(specOrDir);
        List<Problem> problems = check(loaded, now);
        if (problems.stream().anyMatch(Problem::isError)) {
            throw new SpecException(loaded.specFile(), problems);
        }
        return loaded;
    }

    public static PackageSpec parse(Path file) throws SpecException {
        try {
            return DocumentFiles.read(file, PackageSpec.class, MAX_SPEC_BYTES, "a spec");
        } catch (DocumentException e) {
            throw new SpecException(file, List.of(e.problem()));
        }
    }

    /** Writes a spec in the form its file name says (YAML unless it ends in {@code .json}). */
    public static void write(PackageSpec spec, Path file) throws IOException {
        byte[] bytes = file.toString().endsWith(".json")
                ? SupJson.canonicalBytes(spec)
                : SupJson.yaml().writeValueAsBytes(spec);
        AtomicFiles.write(file, bytes);
    }

    /** Every regular file under the payload directory, sorted by name; none when it does not exist. */
    static List<SpecPayload> listPayloads(Path specFile, Path payloadDir) throws SpecException {
        if (!Files.isDirectory(payloadDir)) {
            return List.of();
        }
        List<SpecPayload> payloads = new ArrayList<>();
        try (Stream<Path> files = Files.walk(payloadDir)) {
            for (Path file : (Iterable<Path>) files.sorted(Comparator.comparing(Path::toString))::iterator) {
                if (Files.isRegularFile(file)) {
                    String name = payloadDir.relativize(file).toString().replace(java.io.File.separatorChar, '/');
                    payloads.add(new SpecPayload(name, file, Files.size(file)));
                }
            }
        } catch (IOException e) {
            throw new SpecException(specFile, List.of(Problem.error("payloadDir", "cannot list " + payloadDir + ": " + e.getMessage())));
        }
        payloads.sort(Comparator.comparing(SpecPayload::name));
        return payloads;
    }
}
