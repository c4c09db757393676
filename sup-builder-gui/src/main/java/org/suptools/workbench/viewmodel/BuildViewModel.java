package org.suptools.workbench.viewmodel;

import java.nio.file.Path;
import java.util.List;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.suptools.model.packaging.BuildResult;
import org.suptools.model.signing.PackageSignature;
import org.suptools.model.spec.LoadedSpec;
import org.suptools.model.spec.PackageSpec;
import org.suptools.model.spec.SpecPayload;
import org.suptools.workbench.service.BackgroundRunner;
import org.suptools.workbench.service.KeyRing;
import org.suptools.workbench.service.PackageService;

/**
 * Build and sign: the output file, the signing keys, a progress bar, and the result (path, size,
 * SHA-256, signers) or the error. It is the model's {@code PackageBuilder}, so the bytes are those
 * {@code sup build} makes from the same spec. A new build or a change that blocks one clears the
 * last result, so that no "Built ..." stays under a newer error.
 */
public final class BuildViewModel {

    private final DocumentModel model;
    private final PackageService packages;
    private final BackgroundRunner runner;
    private final ObjectProperty<Path> output = new SimpleObjectProperty<>(this, "output");
    private final SigningKeysViewModel keys;
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(this, "running");
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(this, "progress");
    private final ReadOnlyObjectWrapper<BuildResult> result = new ReadOnlyObjectWrapper<>(this, "result");
    private final ReadOnlyStringWrapper resultText = new ReadOnlyStringWrapper(this, "resultText", "");
    private final ReadOnlyStringWrapper blocker = new ReadOnlyStringWrapper(this, "blocker", "");
    private final BooleanBinding canBuild;
    private final BooleanBinding canInspect;
    private final java.util.function.Consumer<Path> inspect;
    private final java.util.function.Consumer<Path> apply;
    private final java.time.Clock clock;
    /** Every build's steps this session, oldest first: what was hashed, signed and written, and when. */
    private final ObservableList<String> log = FXCollections.observableArrayList();
    /** One read-only view, kept: listeners added to a view made afresh for each caller go deaf once it is collected. */
    private final ObservableList<String> logView = FXCollections.unmodifiableObservableList(log);
    private boolean outputChosen;
    /** Compares two packages, the old one first, on the compare screen. */
    private final java.util.function.BiConsumer<Path, Path> compare;
    /** The output files built this session: building one again keeps its last build to compare with. */
    private final java.util.Set<Path> builtThisSession = new java.util.HashSet<>();
    private final org.suptools.workbench.service.PreviousBuilds previousBuilds =
            new org.suptools.workbench.service.PreviousBuilds();
    private final ReadOnlyObjectWrapper<Path> previous = new ReadOnlyObjectWrapper<>(this, "previous");

    /**
     * {@code inspect} opens a built .sup on the Inspect screen, {@code apply} chooses it on the
     * Packages screen; {@code compare} compares an older package with a newer one; {@code keyRing} holds the signing keys the user made or added,
     * remembered across sessions.
     */
    public BuildViewModel(DocumentModel model, PackageService packages, BackgroundRunner runner,
            java.util.function.Consumer<Path> inspect, java.util.function.Consumer<Path> apply, java.time.Clock clock,
            java.util.function.BiConsumer<Path, Path> compare, KeyRing keyRing) {
        this.apply = apply;
        this.compare = compare;
        this.keys = new SigningKeysViewModel(keyRing, runner);
        this.clock = clock;
        this.model = model;
        this.inspect = inspect;
        this.packages = packages;
        this.runner = runner;
        canBuild = Bindings.createBooleanBinding(() -> blocker.get().isEmpty() && !running.get() && output.get() != null,
                blocker, running, output);
        canInspect = result.isNotNull();
        model.assemblyProperty().addListener((obs, old, now) -> update());
        model.specFileProperty().addListener((obs, old, now) -> update());
        update();
    }

    private void update() {
        String before = blocker.get();
        if (model.specFile() == null) {
            blocker.set("Save the package first: the build reads its payload files beside sup.yaml.");
        } else if (model.assembly().hasErrors() || model.assembly().spec().isEmpty()) {
            long errors = model.assembly().errorCount();
            blocker.set("Fix the " + (errors == 1 ? "error" : Counts.of(errors, "error")) + " listed under Problems first.");
        } else {
            blocker.set("");
        }
        if (!blocker.get().isEmpty() && !blocker.get().equals(before) && !running.get()) {
            clearResult();
        }
        if (!outputChosen && model.specFile() != null && model.assembly().spec().isPresent()) {
            PackageSpec spec = model.assembly().spec().get();
            output.set(model.specFile().toAbsolutePath().getParent().resolve(spec.name() + "-" + spec.version() + ".sup"));
        }
    }

    /** The file to write; chosen by the user it stays, else it follows the package name and version. */
    public void chooseOutput(Path file) {
        outputChosen = true;
        output.set(file);
    }

    /** Remembers a private key file in the key ring, ticked to sign; false (with a message) for a bad file. */
    public boolean addKey(Path privateKey) {
        return keys.add(privateKey);
    }

    private void clearResult() {
        result.set(null);
        previous.set(null);
        progress.set(0);
        resultText.set("");
    }

    public void build() {
        if (!canBuild.get()) {
            return;
        }
        PackageSpec spec = model.assembly().spec().orElseThrow();
        List<SpecPayload> payloads = model.payloads().stream()
                .map(p -> new SpecPayload(p.name(), p.file(), p.size())).toList();
        LoadedSpec loaded = new LoadedSpec(model.specFile(), spec, payloads);
        Path out = output.get();
        // The files are read again now: one gone or holding another key since it was ticked must not sign.
        keys.refresh();
        List<SigningKeyRow> unusable = keys.ticked().stream().filter(row -> !row.state().ready()).toList();
        if (!unusable.isEmpty()) {
            clearResult();
            resultText.set("Not built: " + String.join("; ", unusable.stream().map(BuildViewModel::cannotSign).toList())
                    + ".\nUntick " + (unusable.size() == 1 ? "it" : "them") + " to build without, or Forget "
                    + (unusable.size() == 1 ? "it" : "them") + " and add the key again.");
            log.add(stamp(clock.instant()) + " not built: " + String.join("; ",
                    unusable.stream().map(BuildViewModel::cannotSign).toList()));
            return;
        }
        List<SigningKeyRow> signers = keys.ticked();
        List<Path> keyFiles = keys.signingFiles();
        running.set(true);
        progress.set(0);
        result.set(null);
        previous.set(null);
        boolean builtBefore = builtThisSession.contains(out.toAbsolutePath().normalize());
        java.util.concurrent.atomic.AtomicReference<Object> kept = new java.util.concurrent.atomic.AtomicReference<>();
        resultText.set("Building " + out.getFileName() + "...");
        java.time.Instant started = clock.instant();
        log.add(stamp(started) + " build " + spec.name() + " " + spec.version() + " from " + ShownPath.of(model.specFile())
                + " into " + ShownPath.of(out) + (keyFiles.isEmpty() ? ", unsigned"
                        : ", signing with " + Counts.of(keyFiles.size(), "key") + " "
                                + String.join(", ", signers.stream().map(SigningKeyRow::named).toList())));
        runner.run(work -> {
                    if (builtBefore && java.nio.file.Files.isRegularFile(out)) {
                        kept.set(keepPrevious(out));
                    }
                    return packages.build(loaded, out, keyFiles,
                            (done, total) -> work.fraction(total == 0 ? 1 : (double) done / total));
                },
                new BackgroundRunner.Callbacks<>(built -> {
                    running.set(false);
                    progress.set(1);
                    result.set(built);
                    resultText.set(describe(built));
                    builtThisSession.add(out.toAbsolutePath().normalize());
                    if (kept.get() instanceof Path copy) {
                        previous.set(copy);
                        log.add(stamp(clock.instant()) + "   kept the previous build to compare with: "
                                + ShownPath.of(copy));
                    } else if (kept.get() instanceof String why) {
                        log.add(stamp(clock.instant()) + "   the previous build was not kept to compare with: " + why);
                    }
                    logBuilt(built, started);
                }, failure -> {
                    running.set(false);
                    progress.set(0);
                    resultText.set("Build failed: " + failure.getMessage());
                    log.add(stamp(clock.instant()) + "   failed after " + since(started) + ": " + failure.getMessage());
                }, progress::set));
    }

    /** The path of the kept copy, or why it could not be kept: a build does not fail for it. */
    private Object keepPrevious(Path out) {
        try {
            return previousBuilds.keep(out);
        } catch (java.io.IOException e) {
            return org.suptools.model.problem.FileReasons.oneLine(e, "cannot copy it");
        }
    }

    /** Compares the package just built with the last build of the same output file this session. */
    public void compareWithPrevious() {
        if (result.get() != null && previous.get() != null) {
            compare.accept(previous.get(), result.get().file());
        }
    }

    /** Compares the package just built with another one, the older of the two. */
    public void compareWith(Path older) {
        if (result.get() != null) {
            compare.accept(older, result.get().file());
        }
    }

    /**
     * The last build of the same output file, kept before the build just made replaced it; null
     * when this output had not been built before in the session (then the user picks a package).
     */
    public ReadOnlyObjectProperty<Path> previousProperty() {
        return previous.getReadOnlyProperty();
    }

    private void logBuilt(BuildResult built, java.time.Instant started) {
        java.time.Instant now = clock.instant();
        for (var payload : built.manifest().payloads()) {
            log.add(stamp(now) + "   hashed " + payload.path() + ": " + payload.size() + " bytes, SHA-256 " + payload.sha256());
        }
        for (PackageSignature signature : built.signatures().signatures()) {
            log.add(stamp(now) + "   signed the manifest with key " + signature.keyId() + " (" + signature.algorithm().id() + ")");
        }
        log.add(stamp(now) + "   wrote " + ShownPath.of(built.file()) + ": " + built.size() + " bytes, SHA-256 "
                + built.sha256().orElse("not computed"));
        log.add(stamp(now) + "   done in " + since(started));
    }

    private static String stamp(java.time.Instant at) {
        return at.truncatedTo(java.time.temporal.ChronoUnit.MILLIS).toString();
    }

    private String since(java.time.Instant started) {
        return java.time.Duration.between(started, clock.instant()).toMillis() + " ms";
    }

    /** The build log, one step a line, for the Build tab and its Copy button. */
    public ObservableList<String> log() {
        return logView;
    }

    public String logText() {
        return String.join("\n", log) + (log.isEmpty() ? "" : "\n");
    }

    /** Opens the package just built on the Inspect screen, to check what went into it. */
    public void inspectBuilt() {
        if (result.get() != null) {
            inspect.accept(result.get().file());
        }
    }

    /** Chooses the package just built on the Packages screen, to dry-run or apply it on a gateway. */
    public void applyBuilt() {
        if (result.get() != null) {
            apply.accept(result.get().file());
        }
    }

    /** True while there is a package just built to inspect or apply. */
    public BooleanBinding canInspectBinding() {
        return canInspect;
    }

    private static String cannotSign(SigningKeyRow row) {
        return "key " + row.named() + " cannot sign, " + row.state().shown() + " (" + row.shownFile() + ")";
    }

    static String describe(BuildResult built) {
        List<PackageSignature> signatures = built.signatures().signatures();
        return "Built " + ShownPath.of(built.file()) + "\n"
                + "Size: " + built.size() + " bytes\n"
                + "SHA-256: " + built.sha256().orElse("not computed") + "\n"
                + "Signatures: " + (signatures.isEmpty() ? "none (unsigned)"
                        : String.join(", ", signatures.stream().map(s -> s.keyId() + " (" + s.algorithm().id() + ")").toList()));
    }

    public ObjectProperty<Path> outputProperty() {
        return output;
    }

    /** The signing keys: the key ring, and which of its keys sign the next build. */
    public SigningKeysViewModel keys() {
        return keys;
    }

    public ReadOnlyBooleanProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    public ReadOnlyDoubleProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<BuildResult> resultProperty() {
        return result.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty resultTextProperty() {
        return resultText.getReadOnlyProperty();
    }

    /** Why a build cannot start now, or empty. */
    public ReadOnlyStringProperty blockerProperty() {
        return blocker.getReadOnlyProperty();
    }

    public BooleanBinding canBuildBinding() {
        return canBuild;
    }
}
