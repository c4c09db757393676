package org.suptools.model.version;

import java.util.Objects;

/** One primitive comparison, such as {@code >=1.2.3}; the building block every range reduces to. */
record Constraint(Operator operator, SemVer version) {

    /** The primitive comparison operators. */
    enum Operator {
        LESS("<"),
        LESS_OR_EQUAL("<="),
        GREATER(">"),
        GREATER_OR_EQUAL(">="),
        EQUAL("=");

        private final String symbol;

        Operator(String symbol) {
            this.symbol = symbol;
        }

        String symbol() {
            return symbol;
        }
    }

    Constraint {
        Objects.requireNonNull(operator, "operator");
        Objects.requireNonNull(version, "version");
    }

    /** A constraint no version satisfies: a pre-release of 0.0.0 is excluded by the pre-release rule. */
    static Constraint none() {
        return new Constraint(Operator.LESS, SemVer.of(0, 0, 0));
    }

    /** Whether {@code candidate} satisfies this comparison by precedence alone. */
    boolean test(SemVer candidate) {
        int order = candidate.compareTo(version);
        return switch (operator) {
            case LESS -> order < 0;
            case LESS_OR_EQUAL -> order <= 0;
            case GREATER -> order > 0;
            case GREATER_OR_EQUAL -> order >= 0;
            case EQUAL -> order == 0;
        };
    }

    @Override
    public String toString() {
        return operator.symbol() + version;
    }
}
