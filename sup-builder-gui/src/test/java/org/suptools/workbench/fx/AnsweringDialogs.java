package org.suptools.workbench.fx;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import org.suptools.workbench.view.FileDialogs;

/** Dialogs answered by the test: each question takes the next prepared answer. */
final class AnsweringDialogs implements FileDialogs {

    final Deque<Path> files = new ArrayDeque<>();
    UnsavedChoice unsaved = UnsavedChoice.CANCEL;
    final List<String> errors = new ArrayList<>();
    int unsavedQuestions;

    private Optional<Path> next() {
        return Optional.ofNullable(files.poll());
    }

    @Override
    public Optional<Path> openSpec() {
        return next();
    }

    @Override
    public Optional<Path> saveSpec() {
        return next();
    }

    @Override
    public Optional<Path> openSup() {
        return next();
    }

    @Override
    public Optional<Path> chooseDirectory(String title) {
        return next();
    }

    @Override
    public Optional<Path> choosePayloadFile() {
        return next();
    }

    @Override
    public Optional<Path> chooseBuildOutput(Path suggested) {
        return next();
    }

    @Override
    public Optional<Path> choosePrivateKey() {
        return next();
    }

    @Override
    public Optional<Path> chooseTrustStore() {
        return next();
    }

    @Override
    public Optional<Path> choosePackageToApply() {
        return next();
    }

    @Override
    public Optional<Path> chooseGatewayConfig() {
        return next();
    }

    @Override
    public Optional<Path> saveReport(String suggestedName) {
        return next();
    }

    @Override
    public UnsavedChoice askUnsaved(String packageName) {
        unsavedQuestions++;
        return unsaved;
    }

    @Override
    public void showError(String message) {
        errors.add(message);
    }
}
