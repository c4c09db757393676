package org.suptools.workbench.viewmodel;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.suptools.model.signing.KeyAlgorithm;
import org.suptools.workbench.service.BackgroundRunner;
import org.suptools.workbench.service.KeyRing;
import org.suptools.workbench.service.SigningKeyEntry;

/**
 * The Build tab's signing keys: the Workbench's {@link KeyRing}, listed by key id, algorithm and
 * label, each with a tick for the next build and the state of its file. Making, adding,
 * forgetting and ticking are remembered at once; a key whose file is gone or holds another key now
 * is shown so and never signs. What each command did, or why not, is in {@link #messageProperty()}.
 */
public final class SigningKeysViewModel {

    /** The algorithms "New key..." offers, as {@code sup keygen} does, Ed25519 first (the default). */
    public static final List<KeyAlgorithm> ALGORITHMS = List.of(KeyAlgorithm.ED25519, KeyAlgorithm.ECDSA_P256,
            KeyAlgorithm.RSA_PSS);

    private final KeyRing ring;
    private final BackgroundRunner runner;
    private final ObservableList<SigningKeyRow> rows = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");
    private final ReadOnlyBooleanWrapper making = new ReadOnlyBooleanWrapper(this, "making");

    public SigningKeysViewModel(KeyRing ring, BackgroundRunner runner) {
        this.ring = ring;
        this.runner = runner;
        refresh();
    }

    /** Reads the list again and checks every key's file, as before a build. */
    public void refresh() {
        try {
            show(ring.list());
        } catch (IOException e) {
            rows.clear();
            message.set("Signing keys not read: " + ShownPath.inText(e.getMessage()));
        }
    }

    private void show(List<SigningKeyEntry> keys) {
        rows.setAll(keys.stream().map(key -> {
            SigningKeyRow row = new SigningKeyRow(key, KeyRing.check(key));
            row.signsProperty().addListener((obs, old, now) -> setSigning(row, now));
            return row;
        }).toList());
    }

    /** Remembers an existing private key file, labelled with its name; a bad file is refused and nothing remembered. */
    public boolean add(Path privateKey) {
        String name = String.valueOf(privateKey.getFileName());
        return add(privateKey, name.replaceFirst("\\.(key|pem)$", ""));
    }

    public boolean add(Path privateKey, String label) {
        try {
            SigningKeyEntry key = ring.add(privateKey, label);
            refresh();
            message.set("Added key " + key.keyId() + " (" + key.algorithm().id() + ") from " + ShownPath.of(key.file())
                    + "; it signs the next build.");
            return true;
        } catch (IOException | RuntimeException e) {
            message.set("Key not added: " + ShownPath.inText(e.getMessage()));
            return false;
        }
    }

    /** Where "New key..." proposes to write a key of this label: {@code keys/} in the config folder, never over a file. */
    public Optional<Path> suggestedBase(String label) {
        return ring.suggestedBase(label);
    }

    /**
     * Makes a key pair in the background ({@code base.key}, 0600, and {@code base.pub}; RSA takes
     * a second or two), never over an existing file, and remembers it ticked.
     */
    public void create(Path base, KeyAlgorithm algorithm, String label) {
        if (making.get()) {
            return;
        }
        making.set(true);
        message.set("Making an " + algorithm.id() + " key pair...");
        runner.run(work -> ring.create(base, algorithm, label), BackgroundRunner.Callbacks.of(key -> {
            making.set(false);
            refresh();
            message.set("Made key " + key.keyId() + " (" + key.algorithm().id() + ") in " + ShownPath.of(key.file())
                    + " and its public key beside it; it signs the next build.");
        }, failure -> {
            making.set(false);
            message.set("Key not made: " + ShownPath.inText(failure.getMessage()));
        }));
    }

    /** Removes the key from the list; its files stay where they are. */
    public void forget(SigningKeyRow row) {
        try {
            show(ring.forget(row.key().file()));
            message.set("Forgot key " + row.named() + "; its file " + ShownPath.of(row.key().file()) + " is kept.");
        } catch (IOException e) {
            message.set("Key not forgotten: " + ShownPath.inText(e.getMessage()));
        }
    }

    private void setSigning(SigningKeyRow row, boolean signs) {
        try {
            ring.setSigning(row.key().file(), signs);
        } catch (IOException e) {
            message.set("Choice of keys not remembered: " + ShownPath.inText(e.getMessage()));
        }
    }

    /** The public key as PEM, for a gateway's trust store; empty (with a message) if the file no longer holds the key. */
    public Optional<String> publicKeyPem(SigningKeyRow row) {
        try {
            String pem = KeyRing.publicKeyPem(row.key());
            message.set("Copied the public key of " + row.named() + ": put it in the gateways' trust store.");
            return Optional.of(pem);
        } catch (IOException e) {
            message.set("Public key not copied: " + ShownPath.inText(e.getMessage()));
            return Optional.empty();
        }
    }

    /** A file name for the exported public key: the key file's own, with {@code .pub}. */
    public String suggestedPublicKeyName(SigningKeyRow row) {
        return row.key().file().getFileName().toString().replaceFirst("\\.(key|pem)$", "") + ".pub";
    }

    public boolean exportPublicKey(SigningKeyRow row, Path to) {
        try {
            KeyRing.exportPublicKey(row.key(), to);
            message.set("Wrote the public key of " + row.named() + " to " + ShownPath.of(to)
                    + ": put it in the gateways' trust store.");
            return true;
        } catch (IOException e) {
            message.set("Public key not written: " + ShownPath.inText(e.getMessage()));
            return false;
        }
    }

    /** The ticked keys, in list order. */
    public List<SigningKeyRow> ticked() {
        return rows.stream().filter(row -> row.signsProperty().get()).toList();
    }

    /** The private key files of the ticked keys. */
    public List<Path> signingFiles() {
        return ticked().stream().map(row -> row.key().file()).toList();
    }

    public ObservableList<SigningKeyRow> rows() {
        return FXCollections.unmodifiableObservableList(rows);
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    /** True while a new key pair is being made. */
    public ReadOnlyBooleanProperty makingProperty() {
        return making.getReadOnlyProperty();
    }
}
