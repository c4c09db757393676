package org.suptools.workbench.fx;

import java.nio.file.Path;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Points {@code user.home} at a test's own folder while it runs, so that the paths the Workbench
 * shows as {@code ~/...} (and the screenshots taken of them) are in the user's terms, not a
 * temporary directory's. Restored after each test.
 */
final class UserHome implements AfterEachCallback {

    private String previous;

    void set(Path dir) {
        previous = System.setProperty("user.home", dir.toString());
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (previous != null) {
            System.setProperty("user.home", previous);
            previous = null;
        }
    }
}
