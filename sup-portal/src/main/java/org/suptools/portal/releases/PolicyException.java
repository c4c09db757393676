package org.suptools.portal.releases;

/** A distribution policy that does not parse: one line naming the column (from 1) where it went wrong. */
public final class PolicyException extends IllegalArgumentException {

    private final int column;

    PolicyException(int column, String problem) {
        super("policy: column " + column + ": " + problem);
        this.column = column;
    }

    /** The column, from 1, of the character where the policy went wrong. */
    public int column() {
        return column;
    }
}
