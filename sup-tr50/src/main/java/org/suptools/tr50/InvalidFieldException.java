package org.suptools.tr50;

/**
 * A value refused by a record's constructor, naming the field as the wire spells it. The codec
 * turns it into a located {@link Tr50Exception}; a caller building values in code sees an
 * {@link IllegalArgumentException} whose message starts with the field name.
 */
final class InvalidFieldException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String field;
    private final String problem;

    InvalidFieldException(String field, String problem) {
        super(field + ": " + problem);
        this.field = field;
        this.problem = problem;
    }

    String field() {
        return field;
    }

    String problem() {
        return problem;
    }
}
