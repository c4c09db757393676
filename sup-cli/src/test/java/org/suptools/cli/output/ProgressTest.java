package org.suptools.cli.output;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ProgressTest {

    @Test
    void shown_onlyOnATerminal_outsideCi_andWhenNotQuiet() {
        assertThat(Progress.wanted(false, true, Map.of())).isTrue();
        assertThat(Progress.wanted(false, true, Map.of("CI", "false"))).isTrue();
        assertThat(Progress.wanted(false, false, Map.of())).isFalse();
        assertThat(Progress.wanted(false, true, Map.of("CI", "true"))).isFalse();
        assertThat(Progress.wanted(true, true, Map.of())).isFalse();
    }

    @Test
    void bar_redrawsAtMostTenTimesASecond() {
        AtomicLong clock = new AtomicLong();
        StringWriter text = new StringWriter();
        ProgressBar bar = new ProgressBar(new PrintWriter(text), "verifying", clock::get);

        for (int i = 1; i <= 100; i++) {
            clock.addAndGet(10_000_000L); // 10 ms per report: 100 reports in one second
            bar.progress(i * 1_000_000L, 100_000_000L);
        }
        bar.close();

        long redraws = text.toString().chars().filter(c -> c == '\r').count();
        assertThat(redraws).isBetween(10L, 12L);
        assertThat(text.toString()).endsWith(System.lineSeparator());
    }

    @Test
    void bar_showsPercentMegabytesAndRate() {
        AtomicLong clock = new AtomicLong();
        ProgressBar bar = new ProgressBar(new PrintWriter(new StringWriter()), "building", clock::get);
        bar.progress(25_000_000L, 100_000_000L);
        clock.set(2_000_000_000L);

        assertThat(bar.line(clock.get())).contains("building", " 25%", "25.0/100.0 MB", "12.5 MB/s");
    }

    @Test
    void bar_thatNeverDrew_printsNothingOnClose() {
        StringWriter text = new StringWriter();
        new ProgressBar(new PrintWriter(text), "x", System::nanoTime).close();

        assertThat(text.toString()).isEmpty();
    }
}
