package org.suptools.installer.exec;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Collection;
import org.suptools.model.action.CertificateInstall;

/**
 * {@code certificate.install}: a PEM X.509 certificate from the payload put in place, only once
 * it parses as one. Undo restores the previous file.
 */
final class CertificateInstallExecutor implements ActionExecutor {

    private final CertificateInstall action;

    CertificateInstallExecutor(CertificateInstall action) {
        this.action = action;
    }

    @Override
    public ActionResult apply(ActionContext context) throws ActionFailedException, IOException {
        Path destination = context.path("destination");
        String[] subject = {""};
        FilePlacer.placePayload(context, action.source(), destination, action.mode(),
                temp -> subject[0] = checkCertificate(temp));
        return ActionResult.of("installed certificate " + subject[0] + " as " + destination);
    }

    /** The subject of the first certificate, or a failure when the file is not PEM X.509 certificates. */
    private String checkCertificate(Path file) throws IOException, ActionFailedException {
        String text;
        try (InputStream in = Files.newInputStream(file)) {
            text = new String(in.readNBytes(1 << 20), java.nio.charset.StandardCharsets.US_ASCII);
        }
        if (!text.contains("-----BEGIN CERTIFICATE-----")) {
            throw new ActionFailedException(action.source() + " is not a PEM certificate (no BEGIN CERTIFICATE block)");
        }
        try (InputStream in = Files.newInputStream(file)) {
            Collection<? extends java.security.cert.Certificate> certificates =
                    CertificateFactory.getInstance("X.509").generateCertificates(in);
            if (certificates.isEmpty()) {
                throw new ActionFailedException(action.source() + " holds no certificate");
            }
            java.security.cert.Certificate first = certificates.iterator().next();
            return first instanceof X509Certificate x509 ? "'" + x509.getSubjectX500Principal().getName() + "'" : "";
        } catch (CertificateException e) {
            throw new ActionFailedException(action.source() + " is not a valid X.509 certificate: " + e.getMessage(), e);
        }
    }
}
