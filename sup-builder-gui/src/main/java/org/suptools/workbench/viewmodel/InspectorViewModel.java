package org.suptools.workbench.viewmodel;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.suptools.model.action.Action;
import org.suptools.model.archive.ArchiveOptions;
import org.suptools.model.archive.ChunkIndex;
import org.suptools.model.manifest.Manifest;
import org.suptools.model.manifest.PayloadFile;
import org.suptools.model.manifest.Target;
import org.suptools.workbench.service.BackgroundRunner;
import org.suptools.workbench.service.OpenedPackage;
import org.suptools.workbench.service.PackageService;

/**
 * A .sup opened read-only: its manifest, its signatures with key ids and trust (against a trust
 * store the user may choose), its payloads; and turning it back into an editable spec.
 */
public final class InspectorViewModel {

    private final PackageService packages;
    private final BackgroundRunner runner;
    private final Consumer<Path> openSpec;
    private final ReadOnlyObjectWrapper<Path> file = new ReadOnlyObjectWrapper<>(this, "file");
    private final ReadOnlyObjectWrapper<Path> trustStore = new ReadOnlyObjectWrapper<>(this, "trustStore");
    private final ReadOnlyObjectWrapper<OpenedPackage> opened = new ReadOnlyObjectWrapper<>(this, "opened");
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper(this, "summary", "No package open.");
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy");
    private final ObservableList<String> actions = FXCollections.observableArrayList();
    private final ObservableList<String> signatures = FXCollections.observableArrayList();
    private final ObservableList<PayloadRow> payloads = FXCollections.observableArrayList();

    /** @param openSpec opens a spec in the editor, after a conversion */
    public InspectorViewModel(PackageService packages, BackgroundRunner runner, Consumer<Path> openSpec) {
        this.packages = packages;
        this.runner = runner;
        this.openSpec = openSpec;
    }

    public void open(Path sup) {
        file.set(sup);
        reload();
    }

    /** Checks the signatures against this trust store (a directory of .pub/.pem files, or one file). */
    public void useTrustStore(Path store) {
        trustStore.set(store);
        reload();
    }

    private void reload() {
        Path sup = file.get();
        if (sup == null) {
            return;
        }
        Optional<Path> trust = Optional.ofNullable(trustStore.get());
        busy.set(true);
        status.set("Verifying " + sup.getFileName() + "...");
        runner.run(progress -> packages.open(sup, trust, (done, total) -> progress.fraction(total == 0 ? 1 : (double) done / total)),
                BackgroundRunner.Callbacks.of(this::show, failure -> {
                    busy.set(false);
                    opened.set(null);
                    actions.clear();
                    signatures.clear();
                    payloads.clear();
                    summary.set("Cannot open " + sup + ":\n" + failure.getMessage());
                    status.set("Not a valid package.");
                }));
    }

    private void show(OpenedPackage pkg) {
        busy.set(false);
        opened.set(pkg);
        Manifest m = pkg.manifest();
        List<String> lines = new ArrayList<>();
        lines.add(m.name() + " " + m.version());
        m.description().ifPresent(lines::add);
        m.vendor().ifPresent(v -> lines.add("Vendor: " + v));
        lines.add("Created: " + m.created() + (m.created().equals(ArchiveOptions.DEFAULT_TIMESTAMP)
                ? " (the fixed date of a reproducible build: the same spec always gives the same file;"
                        + " set SOURCE_DATE_EPOCH when building to stamp another)" : "")
                + m.expires().map(e -> "    Expires: " + e).orElse(""));
        lines.add("Targets: " + String.join("; ", m.targets().stream().map(Target::toString).toList()));
        if (!m.requires().isEmpty()) {
            lines.add("Requires: " + String.join(", ", m.requires().stream().map(r -> r.name() + " " + r.version()).toList()));
        }
        lines.add("Failure policy: " + m.failurePolicy().text() + (m.allowDowngrade() ? "    Downgrade allowed" : ""));
        lines.add("File: " + pkg.file() + "  (" + pkg.size() + " bytes)");
        lines.add("SHA-256: " + pkg.sha256());
        summary.set(String.join("\n", lines));
        List<String> actionLines = new ArrayList<>();
        for (int i = 0; i < m.actions().size(); i++) {
            Action a = m.actions().get(i);
            actionLines.add((i + 1) + ". " + a.id() + "  [" + a.type().typeName() + "]  " + a.summary()
                    + a.header().when().map(w -> "   when " + w.summary()).orElse(""));
        }
        actions.setAll(actionLines);
        signatures.setAll(pkg.signatures().isEmpty() ? List.of("unsigned")
                : pkg.signatures().stream().map(s -> s.keyId() + "  " + s.algorithm() + "  "
                        + s.trusted().map(t -> t ? "trusted" : "NOT trusted").orElse("trust not checked (choose a trust store)"))
                        .toList());
        payloads.setAll(m.payloads().stream().map(p -> new PayloadRow(p.name(), p.size(), p.sha256(), users(m, p), false))
                .toList());
        status.set(pkg.problem().map(p -> "Problem: " + p).orElse("Verified: structure, manifest and every payload hash."));
    }

    private static String users(Manifest m, PayloadFile payload) {
        Optional<String> indexed = ChunkIndex.payloadOf(payload.path());
        if (indexed.isPresent()) {
            return "(chunk index of " + indexed.get().substring(PayloadFile.PREFIX.length()) + ")";
        }
        return String.join(", ", m.actions().stream()
                .filter(a -> a.payloadReferences().stream().anyMatch(r -> r.value().equals(payload.name())))
                .map(Action::id).toList());
    }

    /** Unpacks the package into {@code dir} as an editable spec and opens it. */
    public void convertToSpec(Path dir) {
        Path sup = file.get();
        if (sup == null) {
            return;
        }
        busy.set(true);
        status.set("Extracting into " + dir + "...");
        runner.run(progress -> packages.convertToSpec(sup, dir), BackgroundRunner.Callbacks.of(spec -> {
            busy.set(false);
            status.set("Converted to " + spec);
            openSpec.accept(spec);
        }, failure -> {
            busy.set(false);
            status.set("Cannot convert: " + failure.getMessage());
        }));
    }

    public ReadOnlyObjectProperty<Path> fileProperty() {
        return file.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Path> trustStoreProperty() {
        return trustStore.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<OpenedPackage> openedProperty() {
        return opened.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    public ObservableList<String> actions() {
        return actions;
    }

    public ObservableList<String> signatures() {
        return signatures;
    }

    public ObservableList<PayloadRow> payloads() {
        return payloads;
    }
}
