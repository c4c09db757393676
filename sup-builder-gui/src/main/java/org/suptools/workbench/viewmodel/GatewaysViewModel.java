package org.suptools.workbench.viewmodel;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.suptools.workbench.service.BackgroundRunner;
import org.suptools.workbench.service.CertificateChangedException;
import org.suptools.workbench.service.GatewayEntry;
import org.suptools.workbench.service.GatewayInfo;
import org.suptools.workbench.service.GatewayService;

/**
 * The remote gateways of the Packages tab: the saved list, adding one by trust on first use (its
 * certificate's SHA-256 is shown to be compared with the agent's log before it is trusted), and
 * the chosen one's identity and installed packages. The chosen gateway is the apply's remote
 * gateway: one property, so the list and the apply never disagree.
 */
public final class GatewaysViewModel {

    private final GatewayService service;
    private final BackgroundRunner runner;
    private final ObjectProperty<GatewayEntry> selected;
    private final ObservableList<GatewayEntry> gateways = FXCollections.observableArrayList();
    private final ObservableList<GatewayInfo.InstalledPackage> packages = FXCollections.observableArrayList();
    private final StringProperty newName = new SimpleStringProperty(this, "newName", "");
    private final StringProperty newAddress = new SimpleStringProperty(this, "newAddress", "https://");
    private final StringProperty newToken = new SimpleStringProperty(this, "newToken", "");
    private final ReadOnlyStringWrapper pendingFingerprint = new ReadOnlyStringWrapper(this, "pendingFingerprint", "");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");
    private final ReadOnlyBooleanWrapper refused = new ReadOnlyBooleanWrapper(this, "refused");
    private final ReadOnlyStringWrapper identity = new ReadOnlyStringWrapper(this, "identity", "");
    private final BooleanBinding canTrust;

    public GatewaysViewModel(GatewayService service, BackgroundRunner runner, ApplyViewModel apply) {
        this.service = service;
        this.runner = runner;
        this.selected = apply.remoteGatewayProperty();
        canTrust = pendingFingerprint.isNotEmpty().and(newToken.isNotEmpty()).and(newName.isNotEmpty());
        // The fingerprint shown is the one of the address it was read from.
        newAddress.addListener((obs, old, now) -> pendingFingerprint.set(""));
        selected.addListener((obs, old, now) -> {
            packages.clear();
            identity.set("");
            refused.set(false);
            if (now != null) {
                refresh();
            }
        });
        apply.phaseProperty().addListener((obs, old, now) -> {
            if (now == ApplyViewModel.Phase.FINISHED && selected.get() != null) {
                refresh();
            }
        });
        reload();
    }

    /** Reads the saved list again. */
    public void reload() {
        try {
            gateways.setAll(service.saved());
        } catch (java.io.IOException e) {
            message.set("Cannot read the saved gateways: " + e.getMessage());
        }
    }

    /** Reads the certificate the address presents, to be compared with the agent's log before it is trusted. */
    public void checkCertificate() {
        URI address;
        try {
            address = GatewayEntry.address(new URI(newAddress.get().strip()));
        } catch (URISyntaxException | IllegalArgumentException e) {
            message.set("Address: must be https://host:port, such as https://192.168.1.20:7443");
            return;
        }
        pendingFingerprint.set("");
        message.set("Reading the certificate of " + address + "...");
        runner.run(work -> service.certificateOf(address), BackgroundRunner.Callbacks.of(fingerprint -> {
            pendingFingerprint.set(fingerprint);
            message.set("First contact with " + address + ". Compare this SHA-256 with the line \"management endpoint"
                    + " on ..., certificate SHA-256 ...\" in the gateway agent's log; trust it only if they are the"
                    + " same.");
        }, failure -> message.set("Cannot reach " + address + ": " + failure.getMessage())));
    }

    /** Saves the gateway with the certificate just shown as its trusted one, and its token. */
    public void trustAndAdd() {
        if (!canTrust.get()) {
            return;
        }
        GatewayEntry entry;
        try {
            entry = new GatewayEntry(newName.get().strip(), new URI(newAddress.get().strip()), pendingFingerprint.get());
        } catch (URISyntaxException | IllegalArgumentException e) {
            message.set(e.getMessage());
            return;
        }
        try {
            service.save(entry, newToken.get());
        } catch (java.io.IOException | IllegalArgumentException e) {
            message.set("Cannot save " + entry.name() + ": " + e.getMessage());
            return;
        }
        newToken.set("");
        newName.set("");
        newAddress.set("https://");
        pendingFingerprint.set("");
        message.set("Added " + entry.name() + "; its certificate is trusted from now on, and only that one.");
        reload();
        selected.set(entry);
    }

    public void cancelAdd() {
        pendingFingerprint.set("");
        message.set("");
    }

    public void removeSelected() {
        GatewayEntry gateway = selected.get();
        if (gateway == null) {
            return;
        }
        try {
            service.remove(gateway.name());
            selected.set(null);
            message.set("Removed " + gateway.name() + " and its token.");
        } catch (java.io.IOException e) {
            message.set("Cannot remove " + gateway.name() + ": " + e.getMessage());
        }
        reload();
    }

    /** Asks the chosen gateway for its identity and installed packages. */
    public void refresh() {
        GatewayEntry gateway = selected.get();
        if (gateway == null) {
            return;
        }
        identity.set("Asking " + gateway.name() + "...");
        runner.run(work -> service.describe(gateway), BackgroundRunner.Callbacks.of(info -> {
            if (!gateway.equals(selected.get())) {
                return;
            }
            refused.set(false);
            packages.setAll(info.packages());
            identity.set(gateway.name() + ": thing " + info.thingKey() + ", agent " + info.agentVersion()
                    + (info.runtimeVersion().isEmpty() ? "" : ", runtime " + info.runtimeVersion())
                    + (info.busy() ? "; an install is running now" : "")
                    + info.statusProblem().map(p -> "; installed packages unknown: " + p).orElse(""));
        }, failure -> {
            if (!gateway.equals(selected.get())) {
                return;
            }
            packages.clear();
            boolean changed = failure instanceof CertificateChangedException;
            refused.set(changed);
            identity.set((changed ? "REFUSED: " : "Cannot reach " + gateway.name() + ": ") + failure.getMessage());
        }));
    }

    public ObservableList<GatewayEntry> gateways() {
        return gateways;
    }

    public ObjectProperty<GatewayEntry> selectedProperty() {
        return selected;
    }

    public ObservableList<GatewayInfo.InstalledPackage> packages() {
        return packages;
    }

    public StringProperty newNameProperty() {
        return newName;
    }

    public StringProperty newAddressProperty() {
        return newAddress;
    }

    public StringProperty newTokenProperty() {
        return newToken;
    }

    /** The SHA-256 of the certificate read by {@link #checkCertificate}, waiting to be trusted; empty otherwise. */
    public ReadOnlyStringProperty pendingFingerprintProperty() {
        return pendingFingerprint.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    /** The chosen gateway's identity, or why it could not be had. */
    public ReadOnlyStringProperty identityProperty() {
        return identity.getReadOnlyProperty();
    }

    /** True when the chosen gateway presented another certificate than the trusted one. */
    public ReadOnlyBooleanProperty refusedProperty() {
        return refused.getReadOnlyProperty();
    }

    public BooleanBinding canTrustBinding() {
        return canTrust;
    }

    List<GatewayEntry> list() {
        return List.copyOf(gateways);
    }
}
