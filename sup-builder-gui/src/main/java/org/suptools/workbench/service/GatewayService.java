package org.suptools.workbench.service;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;

/** The remote gateways of the Packages tab: the saved list, and each one's agent over HTTPS. */
public interface GatewayService {

    /** No remote gateways: a Workbench (or a test) that applies to local gateways only. */
    GatewayService NONE = new GatewayService() {
        @Override
        public List<GatewayEntry> saved() {
            return List.of();
        }

        @Override
        public String certificateOf(URI address) throws IOException {
            throw new IOException("this Workbench reaches no remote gateways");
        }

        @Override
        public void save(GatewayEntry gateway, String token) throws IOException {
            throw new IOException("this Workbench keeps no remote gateways");
        }

        @Override
        public void remove(String name) {
        }

        @Override
        public GatewayInfo describe(GatewayEntry gateway) throws IOException {
            throw new IOException("this Workbench reaches no remote gateways");
        }

        @Override
        public RemoteRun upload(GatewayEntry gateway, Path packageFile, boolean dryRun) {
            throw new IllegalStateException("this Workbench reaches no remote gateways");
        }

        @Override
        public RemoteRun resume(GatewayEntry gateway, String runId) {
            throw new IllegalStateException("this Workbench reaches no remote gateways");
        }
    };

    List<GatewayEntry> saved() throws IOException;

    /** The SHA-256 fingerprint of the certificate the endpoint at {@code address} presents; nothing is sent. */
    String certificateOf(URI address) throws IOException;

    void save(GatewayEntry gateway, String token) throws IOException;

    void remove(String name) throws IOException;

    /** Identity and installed packages; refused with {@link CertificateChangedException} when the certificate changed. */
    GatewayInfo describe(GatewayEntry gateway) throws IOException;

    /** A run that uploads {@code packageFile} to the gateway and follows the installer there. */
    RemoteRun upload(GatewayEntry gateway, Path packageFile, boolean dryRun);

    /** Follows an earlier run again from its first line, after the connection to it was lost. */
    RemoteRun resume(GatewayEntry gateway, String runId);
}
