package org.suptools.workbench.viewmodel;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.suptools.installer.api.client.InstallerWatcher;

/** What the installer reports on a background thread reaches the tab on the UI thread, every kind of it. */
class UiThreadWatcherTest {

    private final List<Runnable> posted = new ArrayList<>();
    private final List<String> received = new ArrayList<>();
    private final InstallerWatcher target = (InstallerWatcher) Proxy.newProxyInstance(getClass().getClassLoader(),
            new Class<?>[] {InstallerWatcher.class}, (proxy, method, args) -> {
                received.add(method.getName());
                return null;
            });
    private final UiThreadWatcher watcher = new UiThreadWatcher(posted::add, target);

    @Test
    void everyLineAndEventKind_isPostedToTheUiThread_thenHandedOnInOrder() throws Exception {
        List<String> kinds = new ArrayList<>();
        for (Method method : InstallerWatcher.class.getMethods()) {
            method.invoke(watcher, new Object[] {null});
            kinds.add(method.getName());
        }

        assertThat(received).as("nothing runs before the UI thread runs it").isEmpty();
        assertThat(posted).hasSize(kinds.size());
        posted.forEach(Runnable::run);
        assertThat(received).containsExactlyElementsOf(kinds);
    }

    @Test
    void aKindTheApiGains_mustBeForwardedHereToo() {
        List<String> forwarded = Arrays.stream(UiThreadWatcher.class.getDeclaredMethods())
                .map(Method::getName).toList();

        assertThat(forwarded).containsAll(Arrays.stream(InstallerWatcher.class.getMethods())
                .map(Method::getName).toList());
    }
}
