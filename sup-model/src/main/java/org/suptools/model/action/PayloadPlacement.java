package org.suptools.model.action;

import java.util.List;
import java.util.Optional;

/**
 * The actions that put one payload file at one gateway path with an optional mode: a plain
 * {@code file.copy}, a certificate or a license. They differ in what the installer checks
 * before placing the file, not in their parameters.
 */
public sealed interface PayloadPlacement extends Action permits FileCopy, CertificateInstall, LicenseInstall {

    /** The payload file, relative to {@code payload/}. */
    String source();

    /** Where it goes on the gateway. */
    String destination();

    /** The file mode to set, as octal text such as {@code 0644}; the default mode when absent. */
    Optional<String> mode();

    @Override
    default List<FieldValue> payloadReferences() {
        return List.of(new FieldValue("source", source()));
    }

    @Override
    default List<FieldValue> gatewayPaths() {
        return List.of(new FieldValue("destination", destination()));
    }
}
