package org.suptools.workbench.service;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Path;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLSocket;
import org.suptools.model.json.SupJson;

/** The gateways of a {@link GatewayBook}, reached through their agents' management endpoints. */
public final class AgentGateways implements GatewayService {

    private final GatewayBook book;

    public AgentGateways(GatewayBook book) {
        this.book = book;
    }

    @Override
    public List<GatewayEntry> saved() throws IOException {
        return book.list();
    }

    @Override
    public String certificateOf(URI address) throws IOException {
        URI checked = GatewayEntry.address(address);
        PinnedTrust trust = PinnedTrust.firstContact(checked.getHost());
        try (SSLSocket socket = (SSLSocket) trust.context().getSocketFactory().createSocket()) {
            socket.connect(new java.net.InetSocketAddress(checked.getHost(), checked.getPort()),
                    (int) AgentConnections.CONNECT.toMillis());
            socket.setSoTimeout((int) AgentConnections.CONNECT.toMillis());
            socket.startHandshake();
            Certificate[] chain = socket.getSession().getPeerCertificates();
            if (chain.length == 0 || !(chain[0] instanceof X509Certificate certificate)) {
                throw new IOException(checked + " presented no certificate");
            }
            return PinnedTrust.fingerprintOf(certificate);
        } catch (CertificateException e) {
            throw new IOException(checked + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void save(GatewayEntry gateway, String token) throws IOException {
        book.save(gateway, token);
    }

    @Override
    public void remove(String name) throws IOException {
        book.remove(name);
    }

    @Override
    public GatewayInfo describe(GatewayEntry gateway) throws IOException {
        AgentConnections agent = connections(gateway);
        HttpsURLConnection get = agent.open("/v1/gateway", AgentConnections.CONNECT.multipliedBy(6));
        int code = agent.code(get);
        if (code != 200) {
            throw agent.refusal(get, code);
        }
        JsonNode body;
        try (InputStream in = get.getInputStream()) {
            body = SupJson.json().readTree(in);
        }
        JsonNode status = body.path("status");
        List<GatewayInfo.InstalledPackage> packages = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = status.path("packages").fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> pkg = it.next();
            packages.add(new GatewayInfo.InstalledPackage(pkg.getKey(), pkg.getValue().path("version").asText(""),
                    pkg.getValue().path("installedAt").asText("")));
        }
        return new GatewayInfo(body.path("thingKey").asText(""), body.path("agentVersion").asText(""),
                body.path("busy").asBoolean(), status.path("runtimeHome").asText(""),
                status.path("runtimeVersion").asText(""), packages,
                Optional.ofNullable(body.path("statusProblem").textValue()));
    }

    @Override
    public RemoteRun upload(GatewayEntry gateway, Path packageFile, boolean dryRun) {
        return RemoteRun.upload(() -> connections(gateway), packageFile, dryRun);
    }

    @Override
    public RemoteRun resume(GatewayEntry gateway, String runId) {
        return RemoteRun.resume(() -> connections(gateway), runId);
    }

    private AgentConnections connections(GatewayEntry gateway) throws IOException {
        String token = book.token(gateway.name()).orElseThrow(() -> new IOException("no token saved for "
                + gateway.name() + " in " + book.dir() + "; remove the gateway and add it again"));
        return new AgentConnections(gateway, token);
    }
}
