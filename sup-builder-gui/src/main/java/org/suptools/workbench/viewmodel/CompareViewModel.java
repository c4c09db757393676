package org.suptools.workbench.viewmodel;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.suptools.workbench.service.BackgroundRunner;
import org.suptools.workbench.service.PackageComparer;
import org.suptools.workbench.service.PackageComparison;

/**
 * Two built packages compared, as {@code sup diff A.sup B.sup} compares them: A is the old one, B
 * the new. The differences come section by section (metadata, targets, requirements, actions with
 * the fields that changed, payloads with size and SHA-256, signatures), or "identical"; the text
 * to copy is the very text {@code sup diff} prints. Reading runs in the background; a package that
 * cannot be read is named in the message.
 */
public final class CompareViewModel {

    private final PackageComparer comparer;
    private final BackgroundRunner runner;
    private final ReadOnlyObjectWrapper<Path> fileA = new ReadOnlyObjectWrapper<>(this, "fileA");
    private final ReadOnlyObjectWrapper<Path> fileB = new ReadOnlyObjectWrapper<>(this, "fileB");
    private final ReadOnlyObjectWrapper<PackageComparison> comparison = new ReadOnlyObjectWrapper<>(this, "comparison");
    private final ReadOnlyStringWrapper describeA = new ReadOnlyStringWrapper(this, "describeA", "");
    private final ReadOnlyStringWrapper describeB = new ReadOnlyStringWrapper(this, "describeB", "");
    private final ReadOnlyStringWrapper headline = new ReadOnlyStringWrapper(this, "headline", "");
    private final ReadOnlyBooleanWrapper identical = new ReadOnlyBooleanWrapper(this, "identical");
    private final ReadOnlyBooleanWrapper failed = new ReadOnlyBooleanWrapper(this, "failed");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy");
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(this, "progress");
    private final ReadOnlyBooleanWrapper shown = new ReadOnlyBooleanWrapper(this, "shown");
    private final ObservableList<DiffRow> rows = FXCollections.observableArrayList();
    private BackgroundRunner.Job job;

    public CompareViewModel(PackageComparer comparer, BackgroundRunner runner) {
        this.comparer = comparer;
        this.runner = runner;
    }

    /** Compares {@code a} (the old package) with {@code b} (the new one) and shows the result. */
    public void compare(Path a, Path b) {
        if (job != null) {
            job.cancel();
        }
        fileA.set(a);
        fileB.set(b);
        comparison.set(null);
        rows.clear();
        identical.set(false);
        failed.set(false);
        describeA.set(ShownPath.of(a));
        describeB.set(ShownPath.of(b));
        headline.set("Comparing " + a.getFileName() + " with " + b.getFileName() + "...");
        busy.set(true);
        progress.set(0);
        shown.set(true);
        job = runner.run(work -> comparer.compare(a, b,
                        (done, total) -> work.fraction(total == 0 ? 1 : (double) done / total)),
                new BackgroundRunner.Callbacks<>(result -> {
                    if (isCurrent(a, b)) {
                        show(result);
                    }
                }, failure -> {
                    if (isCurrent(a, b)) {
                        fail(failure);
                    }
                }, progress::set));
    }

    /** A result that arrives after the user asked for another comparison is dropped. */
    private boolean isCurrent(Path a, Path b) {
        return a.equals(fileA.get()) && b.equals(fileB.get()) && busy.get();
    }

    /** Compares again the other way round: B becomes the old package. */
    public void swap() {
        if (fileA.get() != null && fileB.get() != null) {
            compare(fileB.get(), fileA.get());
        }
    }

    /** Compares the same two files again, after one was rebuilt. */
    public void refresh() {
        if (fileA.get() != null && fileB.get() != null) {
            compare(fileA.get(), fileB.get());
        }
    }

    /** Leaves the compare screen (the package on the Inspect screen shows again). */
    public void close() {
        shown.set(false);
    }

    private void show(PackageComparison result) {
        busy.set(false);
        progress.set(1);
        comparison.set(result);
        describeA.set(describe(result.a()));
        describeB.set(describe(result.b()));
        rows.setAll(DiffRows.of(result));
        identical.set(result.identical());
        headline.set(result.identical()
                ? "Identical: no differences in metadata, targets, requirements, actions, payloads or signatures."
                : Counts.of(result.changes().size(), "difference") + ": " + bySection());
    }

    private String bySection() {
        Map<String, Integer> counts = new LinkedHashMap<>();
        DiffRows.SECTIONS.forEach(section -> counts.put(section, 0));
        // Counted by the model's changes, not by rows: an action with three changed fields is one change.
        comparison.get().changes().forEach(change -> counts.merge(DiffRows.sectionOf(change), 1, Integer::sum));
        List<String> parts = counts.entrySet().stream().filter(e -> e.getValue() > 0)
                .map(e -> e.getValue() + " in " + e.getKey().toLowerCase(java.util.Locale.ROOT)).toList();
        return String.join(", ", parts);
    }

    private static String describe(PackageComparison.Side side) {
        return side.manifest().name() + " " + side.manifest().version() + "  -  " + ShownPath.of(side.file()) + "  ("
                + side.size() + " bytes, " + (side.signatures().isEmpty() ? "unsigned"
                        : Counts.of(side.signatures().signatures().size(), "signature")) + ")";
    }

    private void fail(Throwable failure) {
        busy.set(false);
        progress.set(0);
        failed.set(true);
        String message = failure.getMessage() == null || failure.getMessage().isBlank()
                ? failure.getClass().getSimpleName() : failure.getMessage();
        headline.set("Cannot compare: " + ShownPath.inText(message.replaceAll("\\s*\\R\\s*", " ")));
    }

    /** The differences as {@code sup diff A.sup B.sup} prints them; empty while there is no result. */
    public String text() {
        return comparison.get() == null ? "" : comparison.get().text();
    }

    public ReadOnlyObjectProperty<Path> fileAProperty() {
        return fileA.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Path> fileBProperty() {
        return fileB.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<PackageComparison> comparisonProperty() {
        return comparison.getReadOnlyProperty();
    }

    /** Package A (the old one) for the header: name, version, file, size, signatures. */
    public ReadOnlyStringProperty describeAProperty() {
        return describeA.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty describeBProperty() {
        return describeB.getReadOnlyProperty();
    }

    /** "Identical: ...", "3 differences: 1 in metadata, 2 in payloads", "Comparing...", or "Cannot compare: FILE: why". */
    public ReadOnlyStringProperty headlineProperty() {
        return headline.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty identicalProperty() {
        return identical.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty failedProperty() {
        return failed.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    public ReadOnlyDoubleProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    /** Whether the Inspect screen shows the comparison rather than the package. */
    public ReadOnlyBooleanProperty shownProperty() {
        return shown.getReadOnlyProperty();
    }

    public ObservableList<DiffRow> rows() {
        return FXCollections.unmodifiableObservableList(rows);
    }
}
