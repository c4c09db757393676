package org.suptools.workbench.view;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Optional;
import javafx.beans.binding.Bindings;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;
import org.suptools.model.signing.KeyAlgorithm;
import org.suptools.workbench.service.SigningKeyEntry;
import org.suptools.workbench.viewmodel.SigningKeysViewModel;

/**
 * "New key...": asks for a label, an algorithm (Ed25519 unless chosen) and where to write the key
 * pair, proposing {@code keys/LABEL} in the Workbench's config folder and never a file that exists.
 */
final class NewKeyDialog {

    /** What the user asked for. */
    record Answer(Path base, KeyAlgorithm algorithm, String label) {
    }

    private NewKeyDialog() {
    }

    static Optional<Answer> ask(SigningKeysViewModel vm, FileDialogs dialogs, Scene over) {
        TextField label = new TextField("release");
        label.setId("new-key-label");
        label.setPrefColumnCount(24);
        ComboBox<KeyAlgorithm> algorithm = new ComboBox<>();
        algorithm.setId("new-key-algorithm");
        algorithm.getItems().setAll(SigningKeysViewModel.ALGORITHMS);
        algorithm.setValue(KeyAlgorithm.ED25519);
        algorithm.setConverter(new StringConverter<>() {
            @Override
            public String toString(KeyAlgorithm value) {
                return value == null ? "" : switch (value) {
                    case ED25519 -> "ed25519 (recommended)";
                    case ECDSA_P256 -> "ecdsa-p256";
                    case RSA_PSS -> "rsa-3072 (RSA-PSS)";
                };
            }

            @Override
            public KeyAlgorithm fromString(String text) {
                return KeyAlgorithm.fromName(text.replaceFirst(" .*", ""));
            }
        });
        TextField location = new TextField();
        location.setId("new-key-location");
        location.setPrefColumnCount(36);
        location.setPromptText("folder/NAME: NAME.key and NAME.pub are written");
        boolean[] chosen = {false};
        Runnable suggest = () -> {
            if (!chosen[0]) {
                location.setText(vm.suggestedBase(label.getText()).map(Path::toString).orElse(""));
            }
        };
        suggest.run();
        label.textProperty().addListener((obs, old, now) -> suggest.run());
        location.setOnKeyTyped(e -> chosen[0] = true);
        Button choose = new Button("Choose...");
        choose.setOnAction(e -> dialogs.chooseNewKeyLocation(path(location.getText()).orElse(null)).ifPresent(p -> {
            chosen[0] = true;
            location.setText(p.toString());
        }));
        HBox where = new HBox(6, location, choose);
        HBox.setHgrow(location, Priority.ALWAYS);

        GridPane grid = Forms.grid();
        int row = Forms.row(grid, 0, "Label", label, null, "How the Build tab names the key");
        row = Forms.row(grid, row, "Algorithm", algorithm, null, "Ed25519 unless your gateways need another");
        Forms.row(grid, row, "Write to", where, null, "Without suffix: NAME.key (yours only, 0600) and NAME.pub");

        Dialog<ButtonType> dialog = new Dialog<>();
        dialog.setTitle("New signing key");
        dialog.setHeaderText("Make a signing key pair, as 'sup keygen' does");
        ButtonType make = new ButtonType("Make key", ButtonBar.ButtonData.OK_DONE);
        dialog.getDialogPane().getButtonTypes().setAll(make, ButtonType.CANCEL);
        dialog.getDialogPane().setContent(new VBox(8, grid, Forms.hint("The private key never leaves this computer and"
                + " no existing file is overwritten. Give the public key (Copy or Export public key) to the gateways'"
                + " trust store.")));
        dialog.getDialogPane().setPrefWidth(640);
        Button makeButton = (Button) dialog.getDialogPane().lookupButton(make);
        makeButton.setId("new-key-make");
        makeButton.disableProperty().bind(Bindings.createBooleanBinding(
                () -> !valid(label.getText()) || path(location.getText()).isEmpty(),
                label.textProperty(), location.textProperty()));
        if (over != null) {
            dialog.initOwner(over.getWindow());
            dialog.getDialogPane().getStylesheets().addAll(over.getStylesheets());
        }
        return dialog.showAndWait().filter(make::equals).flatMap(b -> path(location.getText()))
                .map(base -> new Answer(base, algorithm.getValue(), label.getText()));
    }

    private static boolean valid(String label) {
        try {
            SigningKeyEntry.label(label);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** The base the user means: a trailing {@code .key} or {@code .pub} is the suffix the key files get anyway. */
    private static Optional<Path> path(String text) {
        try {
            String base = text == null ? "" : text.strip().replaceFirst("\\.(key|pub)$", "");
            return base.isEmpty() ? Optional.empty() : Optional.of(Path.of(base));
        } catch (InvalidPathException e) {
            return Optional.empty();
        }
    }
}
