package org.suptools.model.signing;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads and writes the PEM text encoding (RFC 7468, with RFC 1421 headers tolerated). */
final class Pem {

    private static final Pattern BEGIN = Pattern.compile("-----BEGIN (.+?)-----");
    private static final Pattern END = Pattern.compile("-----END (.+?)-----");
    private static final Pattern HEADER = Pattern.compile("([A-Za-z0-9-]+):\\s*(.*)");
    private static final int LINE_LENGTH = 64;

    private Pem() {
    }

    /**
     * Every PEM block in the text, in order; text outside blocks is ignored, as OpenSSL does.
     *
     * @throws IllegalArgumentException if a block is unterminated or its body is not base64
     */
    static List<PemBlock> parse(String text) {
        List<PemBlock> blocks = new ArrayList<>();
        String label = null;
        Map<String, String> headers = new LinkedHashMap<>();
        StringBuilder body = new StringBuilder();
        for (String rawLine : text.split("\r?\n|\r")) {
            String line = rawLine.strip();
            if (label == null) {
                Matcher begin = BEGIN.matcher(line);
                if (begin.matches()) {
                    label = begin.group(1);
                    headers.clear();
                    body.setLength(0);
                }
                continue;
            }
            Matcher end = END.matcher(line);
            if (end.matches()) {
                if (!end.group(1).equals(label)) {
                    throw new IllegalArgumentException("PEM block '" + label + "' ends with '" + end.group(1) + "'");
                }
                blocks.add(new PemBlock(label, headers, decode(label, body)));
                label = null;
                continue;
            }
            Matcher header = HEADER.matcher(line);
            if (body.length() == 0 && header.matches()) {
                headers.put(header.group(1), header.group(2));
            } else {
                body.append(line);
            }
        }
        if (label != null) {
            throw new IllegalArgumentException("PEM block '" + label + "' has no END line");
        }
        return blocks;
    }

    /** The block as PEM text: 64-column base64 and a trailing newline. */
    static String encode(String label, byte[] der) {
        Base64.Encoder encoder = Base64.getMimeEncoder(LINE_LENGTH, "\n".getBytes(StandardCharsets.US_ASCII));
        return "-----BEGIN " + label + "-----\n"
                + encoder.encodeToString(der) + "\n"
                + "-----END " + label + "-----\n";
    }

    private static byte[] decode(String label, CharSequence base64) {
        try {
            return Base64.getDecoder().decode(base64.toString());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("PEM block '" + label + "' is not valid base64", e);
        }
    }
}
