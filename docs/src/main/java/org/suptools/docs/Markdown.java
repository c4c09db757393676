package org.suptools.docs;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** GitHub Markdown pieces: escaped text, code spans and blocks, table cells, heading anchors. */
final class Markdown {

    /** Characters that would start emphasis, a link, HTML or code inside a line of text. */
    private static final Pattern INLINE_SPECIAL = Pattern.compile("[\\\\`*_\\[\\]<>]");
    /** What at the start of a paragraph would make it a heading, a list, a quote or a rule. */
    private static final Pattern BLOCK_START = Pattern.compile("^(#|[-+=>]|\\d+[.)])");
    private static final Pattern BACKTICKS = Pattern.compile("`+");

    private Markdown() {
    }

    /** Plain text, shown as written: nothing in it becomes emphasis, a link, a list or a heading. */
    static String text(String plain) {
        String escaped = INLINE_SPECIAL.matcher(plain)
                .replaceAll(match -> Matcher.quoteReplacement("\\" + match.group()));
        return BLOCK_START.matcher(escaped).replaceFirst(match -> Matcher.quoteReplacement("\\" + match.group()));
    }

    /** A code span; a span holding backticks is fenced with a longer run of them. */
    static String code(String plain) {
        String fence = "`".repeat(longestBacktickRun(plain) + 1);
        String padding = plain.startsWith("`") || plain.endsWith("`") ? " " : "";
        return fence + padding + plain + padding + fence;
    }

    /** A fenced code block, its lines as they are; ends with a newline. */
    static String codeBlock(String plain) {
        String fence = "`".repeat(Math.max(3, longestBacktickRun(plain) + 1));
        String body = plain.endsWith("\n") ? plain : plain + "\n";
        return fence + "\n" + body + fence + "\n";
    }

    /**
     * Markdown (already escaped text and code spans) made safe for one table cell: a pipe would end
     * the cell, even inside a code span, and a line break would end the row.
     */
    static String cell(String markdown) {
        return markdown.replace("|", "\\|").replace("\n", "<br>");
    }

    /** One table row of cells that are already {@link #cell} safe. */
    static String row(String... cells) {
        return "| " + String.join(" | ", cells) + " |\n";
    }

    /** The anchor GitHub gives a heading: lower case, punctuation dropped, spaces as hyphens. */
    static String anchor(String heading) {
        return heading.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N} _-]", "").replace(' ', '-');
    }

    private static int longestBacktickRun(String plain) {
        return BACKTICKS.matcher(plain).results().mapToInt(run -> run.group().length()).max().orElse(0);
    }
}
