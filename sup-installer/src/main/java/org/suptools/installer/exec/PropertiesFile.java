package org.suptools.installer.exec;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A Java properties file edited in place, the way a person would: every line is kept as it was
 * (comments, blank lines, order, spacing, line ends), the value of an existing key is replaced
 * where it stands, a new key is appended at the end, and a removed key's lines are dropped. Reads
 * {@code key=value}, {@code key: value} and {@code key value}, escapes and line continuations as
 * {@link java.util.Properties#load(java.io.Reader)} does. Bytes are handled as ISO-8859-1, so
 * lines that are not edited keep their exact bytes whatever their encoding; new text outside
 * printable ASCII is written as {@code \\uXXXX} escapes, which every reader understands.
 */
public final class PropertiesFile {

    /** One logical line: a comment, a blank line or a property (possibly over several natural lines). */
    private static final class Entry {
        final String raw;
        final String key;
        final String leading;
        final String rawKey;
        final String separator;
        final String terminator;

        Entry(String raw, String key, String leading, String rawKey, String separator, String terminator) {
            this.raw = raw;
            this.key = key;
            this.leading = leading;
            this.rawKey = rawKey;
            this.separator = separator;
            this.terminator = terminator;
        }

        boolean isProperty() {
            return key != null;
        }
    }

    private final List<Entry> entries;
    private final String lineSeparator;

    private PropertiesFile(List<Entry> entries, String lineSeparator) {
        this.entries = entries;
        this.lineSeparator = lineSeparator;
    }

    public static PropertiesFile empty() {
        return new PropertiesFile(new ArrayList<>(), "\n");
    }

    public static PropertiesFile parse(byte[] bytes) {
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        List<String> lines = naturalLines(text);
        List<Entry> entries = new ArrayList<>();
        String separator = text.contains("\r\n") ? "\r\n" : "\n";
        int i = 0;
        while (i < lines.size()) {
            String first = lines.get(i);
            String content = stripTerminator(first);
            String trimmed = stripLeading(content);
            if (trimmed.isEmpty() || trimmed.charAt(0) == '#' || trimmed.charAt(0) == '!') {
                entries.add(new Entry(first, null, null, null, null, null));
                i++;
                continue;
            }
            StringBuilder raw = new StringBuilder(first);
            StringBuilder logical = new StringBuilder();
            String part = content;
            String last = first;
            while (true) {
                if (endsWithContinuation(part) && i + 1 < lines.size()) {
                    logical.append(part, 0, part.length() - 1);
                    i++;
                    last = lines.get(i);
                    raw.append(last);
                    part = stripLeading(stripTerminator(last));
                } else {
                    logical.append(endsWithContinuation(part) ? part.substring(0, part.length() - 1) : part);
                    break;
                }
            }
            i++;
            entries.add(property(raw.toString(), logical.toString(), terminatorOf(last)));
        }
        return new PropertiesFile(entries, separator);
    }

    private static Entry property(String raw, String logical, String terminator) {
        int pos = 0;
        while (pos < logical.length() && isWhitespace(logical.charAt(pos))) {
            pos++;
        }
        String leading = logical.substring(0, pos);
        int keyStart = pos;
        boolean escaped = false;
        while (pos < logical.length()) {
            char c = logical.charAt(pos);
            if (escaped) {
                escaped = false;
            } else if (c == '\\') {
                escaped = true;
            } else if (c == '=' || c == ':' || isWhitespace(c)) {
                break;
            }
            pos++;
        }
        String rawKey = logical.substring(keyStart, pos);
        int sepStart = pos;
        while (pos < logical.length() && isWhitespace(logical.charAt(pos))) {
            pos++;
        }
        if (pos < logical.length() && (logical.charAt(pos) == '=' || logical.charAt(pos) == ':')) {
            pos++;
            while (pos < logical.length() && isWhitespace(logical.charAt(pos))) {
                pos++;
            }
        }
        String separator = logical.substring(sepStart, pos);
        return new Entry(raw, unescape(rawKey), leading, rawKey, separator, terminator);
    }

    /** The value of a key as {@link java.util.Properties} would read it (the last occurrence wins). */
    public Optional<String> get(String key) {
        String value = null;
        for (Entry entry : entries) {
            if (key.equals(entry.key)) {
                value = valueOf(entry);
            }
        }
        return Optional.ofNullable(value);
    }

    /** Sets a key: every line holding it gets the new value in place; a key not there is appended. */
    public void set(String key, String value) {
        boolean found = false;
        for (int i = 0; i < entries.size(); i++) {
            Entry entry = entries.get(i);
            if (key.equals(entry.key)) {
                found = true;
                String separator = entry.separator.isEmpty() ? "=" : entry.separator;
                String line = entry.leading + entry.rawKey + separator + escapeValue(value) + entry.terminator;
                entries.set(i, new Entry(line, entry.key, entry.leading, entry.rawKey, separator, entry.terminator));
            }
        }
        if (!found) {
            if (!entries.isEmpty()) {
                Entry last = entries.get(entries.size() - 1);
                if (terminatorOf(last.raw).isEmpty()) {
                    String fixed = last.raw + lineSeparator;
                    entries.set(entries.size() - 1, new Entry(fixed, last.key, last.leading, last.rawKey, last.separator,
                            lineSeparator));
                }
            }
            String rawKey = escapeKey(key);
            entries.add(new Entry(rawKey + "=" + escapeValue(value) + lineSeparator, key, "", rawKey, "=", lineSeparator));
        }
    }

    /** Removes every line of a key; true when it was there. */
    public boolean remove(String key) {
        return entries.removeIf(entry -> key.equals(entry.key));
    }

    public byte[] toBytes() {
        StringBuilder text = new StringBuilder();
        entries.forEach(entry -> text.append(entry.raw));
        return text.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    private static String valueOf(Entry entry) {
        String logical = logicalOf(entry.raw);
        int start = entry.leading.length() + entry.rawKey.length() + entry.separator.length();
        return unescape(logical.substring(Math.min(start, logical.length())));
    }

    private static String logicalOf(String raw) {
        List<String> lines = naturalLines(raw);
        StringBuilder logical = new StringBuilder();
        for (int i = 0; i < lines.size(); i++) {
            String part = stripTerminator(lines.get(i));
            if (i > 0) {
                part = stripLeading(part);
            }
            if (i < lines.size() - 1 && endsWithContinuation(part)) {
                part = part.substring(0, part.length() - 1);
            }
            logical.append(part);
        }
        return logical.toString();
    }

    private static List<String> naturalLines(String text) {
        List<String> lines = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n') {
                lines.add(text.substring(start, i + 1));
                start = i + 1;
            } else if (c == '\r') {
                int end = i + 1 < text.length() && text.charAt(i + 1) == '\n' ? i + 2 : i + 1;
                lines.add(text.substring(start, end));
                start = end;
                i = end - 1;
            }
        }
        if (start < text.length()) {
            lines.add(text.substring(start));
        }
        return lines;
    }

    private static String terminatorOf(String line) {
        if (line.endsWith("\r\n")) {
            return "\r\n";
        }
        if (line.endsWith("\n") || line.endsWith("\r")) {
            return line.substring(line.length() - 1);
        }
        return "";
    }

    private static String stripTerminator(String line) {
        return line.substring(0, line.length() - terminatorOf(line).length());
    }

    private static String stripLeading(String text) {
        int i = 0;
        while (i < text.length() && isWhitespace(text.charAt(i))) {
            i++;
        }
        return text.substring(i);
    }

    private static boolean isWhitespace(char c) {
        return c == ' ' || c == '\t' || c == '\f';
    }

    /** An odd number of trailing backslashes continues the line. */
    private static boolean endsWithContinuation(String line) {
        int count = 0;
        for (int i = line.length() - 1; i >= 0 && line.charAt(i) == '\\'; i--) {
            count++;
        }
        return count % 2 == 1;
    }

    static String unescape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c != '\\' || i + 1 >= text.length()) {
                out.append(c);
                continue;
            }
            char next = text.charAt(++i);
            switch (next) {
                case 't' -> out.append('\t');
                case 'n' -> out.append('\n');
                case 'r' -> out.append('\r');
                case 'f' -> out.append('\f');
                case 'u' -> {
                    if (i + 4 < text.length() && text.substring(i + 1, Math.min(i + 5, text.length()))
                            .matches("[0-9a-fA-F]{4}")) {
                        out.append((char) Integer.parseInt(text.substring(i + 1, i + 5), 16));
                        i += 4;
                    } else {
                        out.append('u');
                    }
                }
                default -> out.append(next);
            }
        }
        return out.toString();
    }

    static String escapeKey(String key) {
        return escape(key, true);
    }

    static String escapeValue(String value) {
        return escape(value, false);
    }

    private static String escape(String text, boolean isKey) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\t' -> out.append("\\t");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\f' -> out.append("\\f");
                case ' ' -> out.append(i == 0 || isKey ? "\\ " : " ");
                case '=', ':', '#', '!' -> out.append(isKey || (i == 0 && (c == '#' || c == '!')) ? "\\" + c : String.valueOf(c));
                default -> {
                    if (c < 0x20 || c > 0x7e) {
                        out.append(String.format("\\u%04X", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }
}
