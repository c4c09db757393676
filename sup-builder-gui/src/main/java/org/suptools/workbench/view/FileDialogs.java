package org.suptools.workbench.view;

import java.nio.file.Path;
import java.util.Optional;

/**
 * The questions the views ask the user through the platform's dialogs. The application shows real
 * file choosers and alerts; the window tests answer them directly.
 */
public interface FileDialogs {

    /** The choice on closing or replacing a package with unsaved changes. */
    enum UnsavedChoice { SAVE, DISCARD, CANCEL }

    Optional<Path> openSpec();

    Optional<Path> saveSpec();

    Optional<Path> openSup();

    /** A built package to compare with another; the same chooser as Open .sup unless a dialog set says otherwise. */
    default Optional<Path> chooseSupToCompare() {
        return openSup();
    }

    Optional<Path> chooseDirectory(String title);

    Optional<Path> choosePayloadFile();

    Optional<Path> chooseBuildOutput(Path suggested);

    Optional<Path> choosePrivateKey();

    Optional<Path> chooseTrustStore();

    /** Where to write a new key pair (NAME.key and NAME.pub); none by default (a dialog set without it). */
    default Optional<Path> chooseNewKeyLocation(Path suggested) {
        return Optional.empty();
    }

    /** Where to export a signing key's public key; none by default (a dialog set without it). */
    default Optional<Path> savePublicKey(String suggestedName) {
        return Optional.empty();
    }

    /** The package to apply: "Package Files (*.pkg)" and "Software Update Package Files (*.sup)", opening on *.sup. */
    Optional<Path> choosePackageToApply();

    Optional<Path> chooseGatewayConfig();

    UnsavedChoice askUnsaved(String packageName);

    /** Where to save a run's report from the Packages tab; none by default (a dialog set without it). */
    default Optional<Path> saveReport(String suggestedName) {
        return Optional.empty();
    }

    void showError(String message);
}
