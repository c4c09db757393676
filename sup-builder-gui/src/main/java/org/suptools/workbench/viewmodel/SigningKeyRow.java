package org.suptools.workbench.viewmodel;

import java.util.Objects;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import org.suptools.workbench.service.KeyFileState;
import org.suptools.workbench.service.SigningKeyEntry;

/**
 * One remembered key as the Build tab lists it: key id, algorithm, label, where its file is and
 * what the file holds now. {@link #signsProperty()} is the tick that makes it sign the next build.
 */
public final class SigningKeyRow {

    private final SigningKeyEntry key;
    private final KeyFileState state;
    private final BooleanProperty signs;

    SigningKeyRow(SigningKeyEntry key, KeyFileState state) {
        this.key = Objects.requireNonNull(key, "key");
        this.state = Objects.requireNonNull(state, "state");
        this.signs = new SimpleBooleanProperty(this, "signs", key.signs());
    }

    public SigningKeyEntry key() {
        return key;
    }

    public String keyId() {
        return key.keyId();
    }

    public String algorithm() {
        return key.algorithm().id();
    }

    public String label() {
        return key.label();
    }

    /** The private key file, with {@code ~/} for the home folder. */
    public String shownFile() {
        return ShownPath.of(key.file());
    }

    public KeyFileState state() {
        return state;
    }

    /** True when it is ticked and its file still holds the key: it signs. */
    public boolean usable() {
        return signs.get() && state.ready();
    }

    public BooleanProperty signsProperty() {
        return signs;
    }

    /** For messages: {@code 1a2b3c4d5e6f7a8b (release)}. */
    public String named() {
        return key.keyId() + " (" + key.label() + ")";
    }
}
