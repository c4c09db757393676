package org.suptools.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every relative link in the repository's Markdown resolves: the file or folder exists and, for a
 * {@code #anchor} into a Markdown file, a heading there has that GitHub anchor. Documentation that
 * moves around breaks links silently otherwise.
 */
class MarkdownLinksTest {

    /** Surefire runs in the module's directory, docs/; the links span the whole repository. */
    private static final Path ROOT = Path.of("").toAbsolutePath().getParent();
    /** {@code [text](target)} and {@code ![alt](target)}, the target up to a space or the closing parenthesis. */
    private static final Pattern LINK = Pattern.compile("!?\\[[^\\]]*\\]\\(([^)\\s]+)(?:\\s+\"[^\"]*\")?\\)");
    private static final Pattern HEADING = Pattern.compile("^#{1,6}\\s+(.*?)\\s*#*\\s*$");
    private static final Pattern INLINE_CODE = Pattern.compile("`[^`]*`");

    @Test
    void everyRelativeLinkResolves() throws IOException {
        List<Path> pages = markdownPages();
        assertThat(pages).as("Markdown pages under " + ROOT).isNotEmpty();
        List<String> broken = new ArrayList<>();
        for (Path page : pages) {
            for (String target : links(page)) {
                problem(page, target).ifPresent(broken::add);
            }
        }
        assertThat(broken).as("broken links").isEmpty();
    }

    @Test
    void theCheckFindsABrokenLink_andABrokenAnchor() throws IOException {
        Path page = ROOT.resolve("docs/README.md");
        assertThat(problem(page, "no-such-page.md")).isPresent();
        assertThat(problem(page, "guide/README.md#no-such-heading")).isPresent();
        assertThat(problem(page, "guide/README.md#the-first-ten-minutes")).isEmpty();
    }

    private static Optional<String> problem(Path page, String target) throws IOException {
        if (target.matches("^[a-zA-Z][a-zA-Z0-9+.-]*:.*")) {
            return Optional.empty(); // https:, mailto: and the like are not checked here
        }
        int hash = target.indexOf('#');
        String file = hash < 0 ? target : target.substring(0, hash);
        String anchor = hash < 0 ? null : target.substring(hash + 1);
        Path resolved = file.isEmpty() ? page : page.getParent().resolve(file).normalize();
        String where = ROOT.relativize(page) + ": (" + target + ")";
        if (!resolved.startsWith(ROOT) || !Files.exists(resolved)) {
            return Optional.of(where + ": no such file");
        }
        if (anchor != null && resolved.toString().endsWith(".md") && !anchors(resolved).contains(anchor)) {
            return Optional.of(where + ": no heading with that anchor in " + ROOT.relativize(resolved));
        }
        return Optional.empty();
    }

    private static List<Path> markdownPages() throws IOException {
        try (Stream<Path> files = Files.walk(ROOT)) {
            return files.filter(path -> path.toString().endsWith(".md"))
                    .filter(path -> !skipped(ROOT.relativize(path)))
                    .sorted()
                    .toList();
        }
    }

    /** Build output, VCS data and installed tools are not documentation. */
    private static boolean skipped(Path relative) {
        for (Path part : relative) {
            String name = part.toString();
            if (name.equals("target") || name.startsWith(".") || name.equals("node_modules")) {
                return true;
            }
        }
        return false;
    }

    /** The link targets of a page, outside code blocks and inline code. */
    private static List<String> links(Path page) throws IOException {
        List<String> targets = new ArrayList<>();
        for (String line : proseLines(page)) {
            Matcher matcher = LINK.matcher(INLINE_CODE.matcher(line).replaceAll(""));
            while (matcher.find()) {
                targets.add(matcher.group(1));
            }
        }
        return targets;
    }

    /** The anchors GitHub gives a page's headings: lower case, punctuation dropped, spaces to hyphens, repeats numbered. */
    static Set<String> anchors(Path page) throws IOException {
        Set<String> anchors = new HashSet<>();
        for (String line : proseLines(page)) {
            Matcher heading = HEADING.matcher(line);
            if (!heading.matches()) {
                continue;
            }
            String slug = heading.group(1).toLowerCase(Locale.ROOT)
                    .replaceAll("[^\\p{L}\\p{N}\\s_-]", "")
                    .replace(' ', '-');
            String unique = slug;
            for (int n = 1; !anchors.add(unique); n++) {
                unique = slug + "-" + n;
            }
        }
        return anchors;
    }

    /** The lines of a page outside fenced code blocks, where a link or a heading is only text. */
    private static List<String> proseLines(Path page) throws IOException {
        List<String> prose = new ArrayList<>();
        boolean fenced = false;
        for (String line : Files.readAllLines(page, StandardCharsets.UTF_8)) {
            if (line.stripLeading().startsWith("```")) {
                fenced = !fenced;
            } else if (!fenced) {
                prose.add(line);
            }
        }
        return prose;
    }
}
