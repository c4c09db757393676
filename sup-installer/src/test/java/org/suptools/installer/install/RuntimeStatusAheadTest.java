package org.suptools.installer.install;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.suptools.installer.runtime.RuntimeControl;

/** The runtime's status, asked ahead on a thread of its own: its answer, its failure, or killed. */
class RuntimeStatusAheadTest {

    @Test
    void theAnswer_isTheRuntimes() throws Exception {
        try (RuntimeStatusAhead running = RuntimeStatusAhead.ask(runtime(() -> true));
             RuntimeStatusAhead stopped = RuntimeStatusAhead.ask(runtime(() -> false))) {
            assertThat(running.isRunning()).isTrue();
            assertThat(stopped.isRunning()).isFalse();
        }
    }

    @Test
    void aStatusCommandThatCannotRun_isReportedAsItFailed() {
        try (RuntimeStatusAhead ahead = RuntimeStatusAhead.ask(runtime(() -> {
            throw new IOException("cannot start runtime-ctl");
        }))) {
            assertThatThrownBy(ahead::isRunning).isInstanceOf(IOException.class).hasMessage("cannot start runtime-ctl");
        }
    }

    @Test
    void closingBeforeTheAnswer_interruptsTheQuestion() throws Exception {
        CountDownLatch asking = new CountDownLatch(1);
        CountDownLatch interrupted = new CountDownLatch(1);
        RuntimeStatusAhead ahead = RuntimeStatusAhead.ask(runtime(() -> {
            asking.countDown();
            try {
                new CountDownLatch(1).await();
                return true;
            } catch (InterruptedException e) {
                interrupted.countDown();
                throw new InterruptedIOException("killed");
            }
        }));
        assertThat(asking.await(10, TimeUnit.SECONDS)).isTrue();

        ahead.close();

        assertThat(interrupted.getCount()).isZero();
    }

    private interface Status {
        boolean get() throws IOException;
    }

    private static RuntimeControl runtime(Status status) {
        return new RuntimeControl() {
            @Override
            public boolean isRunning() throws IOException {
                return status.get();
            }

            @Override
            public void start() {
                throw new UnsupportedOperationException("only asked for its status");
            }

            @Override
            public void stop() {
                throw new UnsupportedOperationException("only asked for its status");
            }
        };
    }
}
