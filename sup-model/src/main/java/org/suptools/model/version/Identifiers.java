package org.suptools.model.version;

/**
 * The lexical rules of SemVer 2.0.0 for numeric parts and dot-separated identifiers. Each check
 * returns the reason a value is wrong, or {@code null} when it is fine, so that callers can word
 * the whole message the way the user wrote the value.
 */
final class Identifiers {

    private Identifiers() {
    }

    /** Why {@code text} is not a valid MAJOR, MINOR or PATCH number named {@code part}, or null. */
    static String numberProblem(String part, String text) {
        if (text.isEmpty()) {
            return part + " is empty";
        }
        if (!allDigits(text)) {
            return part + " '" + text + "' is not a number";
        }
        if (hasLeadingZero(text)) {
            return "numeric identifier '" + text + "' has a leading zero";
        }
        if (!fitsInLong(text)) {
            return part + " '" + text + "' is larger than " + Long.MAX_VALUE;
        }
        return null;
    }

    /**
     * Why {@code identifier}, one of the dot-separated identifiers of a pre-release (when
     * {@code preRelease}) or of build metadata, is invalid, or null. Only pre-release numeric
     * identifiers forbid leading zeros; the spec allows them in build metadata.
     */
    static String identifierProblem(String identifier, boolean preRelease) {
        String kind = preRelease ? "pre-release" : "build metadata";
        if (identifier.isEmpty()) {
            return kind + " has an empty identifier";
        }
        for (int i = 0; i < identifier.length(); i++) {
            char c = identifier.charAt(i);
            if (!isIdentifierChar(c)) {
                return kind + " identifier '" + identifier + "' contains '" + c
                        + "'; only [0-9A-Za-z-] are allowed";
            }
        }
        if (preRelease && allDigits(identifier) && hasLeadingZero(identifier)) {
            return "numeric identifier '" + identifier + "' has a leading zero";
        }
        return null;
    }

    static boolean allDigits(String text) {
        if (text.isEmpty()) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    private static boolean hasLeadingZero(String digits) {
        return digits.length() > 1 && digits.charAt(0) == '0';
    }

    private static boolean fitsInLong(String digits) {
        String max = Long.toString(Long.MAX_VALUE);
        return digits.length() < max.length()
                || digits.length() == max.length() && digits.compareTo(max) <= 0;
    }

    private static boolean isIdentifierChar(char c) {
        return c >= '0' && c <= '9' || c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c == '-';
    }
}
