package org.suptools.e2e;

import java.util.ArrayList;
import java.util.List;

/** Stops what a test class started: every one of them, even when one of them fails to stop. */
final class CloseAll {

    private CloseAll() {
    }

    /**
     * Closes each of {@code first}, then each of {@code then} that is not null, in order.
     *
     * @throws Exception the first failure, the later ones added to it as suppressed
     */
    static void inOrder(Iterable<? extends AutoCloseable> first, AutoCloseable... then) throws Exception {
        List<AutoCloseable> all = new ArrayList<>();
        first.forEach(all::add);
        all.addAll(java.util.Arrays.asList(then));
        Exception failure = null;
        for (AutoCloseable closeable : all) {
            if (closeable == null) {
                continue;
            }
            try {
                closeable.close();
            } catch (Exception e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
