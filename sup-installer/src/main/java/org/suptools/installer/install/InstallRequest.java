package org.suptools.installer.install;

import java.nio.file.Path;
import java.util.Objects;
import org.suptools.installer.api.event.RequestInfo;

/** One request to install a package file: who asked, and whether only to verify and plan (dry run). */
public record InstallRequest(Path packageFile, RequestInfo request, boolean dryRun) {

    public InstallRequest {
        Objects.requireNonNull(packageFile, "packageFile");
        Objects.requireNonNull(request, "request");
    }
}
