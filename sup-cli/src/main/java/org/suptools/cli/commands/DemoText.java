package org.suptools.cli.commands;

import java.time.Duration;
import java.util.Locale;

/** How the demo writes times and quoted output. */
final class DemoText {

    private DemoText() {
    }

    /** {@code 1.25 s}. */
    static String seconds(Duration duration) {
        return String.format(Locale.ROOT, "%.2f s", duration.toNanos() / 1e9);
    }

    /** Each line indented by two spaces, each ending with a line break. */
    static String indent(String text) {
        StringBuilder indented = new StringBuilder();
        text.lines().forEach(line -> indented.append("  ").append(line).append('\n'));
        return indented.toString();
    }
}
