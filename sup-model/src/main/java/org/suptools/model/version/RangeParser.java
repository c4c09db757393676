package org.suptools.model.version;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.suptools.model.version.Constraint.Operator;

/**
 * Reads the range syntax {@link VersionRange} documents and reduces it to sets of primitive
 * {@link Constraint}s, following node-semver's desugaring rules.
 */
final class RangeParser {

    /** What a range reduces to: its normalized text and its OR-ed sets of AND-ed constraints. */
    record Result(String normalized, List<List<Constraint>> sets) {
        Result {
            Objects.requireNonNull(normalized, "normalized");
            sets = sets.stream().map(List::copyOf).toList();
        }
    }

    private static final Pattern OPERATOR = Pattern.compile("^(<=|>=|<|>|=|~|\\^)?(.*)$");
    private static final Pattern OPERATOR_ONLY = Pattern.compile("<=|>=|<|>|=|~|\\^");
    private static final String OPERATOR_CHARS = "<>=~^!";

    private final String text;

    private RangeParser(String text) {
        this.text = text;
    }

    static Result parse(String text) {
        Objects.requireNonNull(text, "text");
        return new RangeParser(text).parse();
    }

    private Result parse() {
        String trimmed = text.strip();
        if (trimmed.isEmpty()) {
            return new Result("*", List.of(List.of()));
        }
        String[] alternatives = trimmed.split("\\|\\|", -1);
        List<String> normalized = new ArrayList<>();
        List<List<Constraint>> sets = new ArrayList<>();
        for (String alternative : alternatives) {
            String part = alternative.strip();
            if (part.isEmpty()) {
                throw invalid("an alternative next to '||' is empty");
            }
            if (part.indexOf('|') >= 0) {
                throw invalid("'|' is not an operator; write '||' for OR");
            }
            List<String> tokens = tokens(part);
            List<Constraint> set = new ArrayList<>();
            if (tokens.contains("-")) {
                if (tokens.size() != 3 || !tokens.get(1).equals("-")) {
                    throw invalid("a hyphen range takes one version on each side, as in '1.2.3 - 2.3.4'");
                }
                hyphen(tokens.get(0), tokens.get(2), set);
                normalized.add(tokens.get(0) + " - " + tokens.get(2));
            } else {
                for (String token : tokens) {
                    simple(token, set);
                }
                normalized.add(String.join(" ", tokens));
            }
            sets.add(set);
        }
        return new Result(String.join(" || ", normalized), sets);
    }

    /** Splits on whitespace and joins an operator written apart, as in {@code >= 1.2.3}, to its version. */
    private List<String> tokens(String part) {
        String[] raw = part.split("\\s+");
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < raw.length; i++) {
            if (OPERATOR_ONLY.matcher(raw[i]).matches()) {
                if (i + 1 == raw.length) {
                    throw invalid("operator '" + raw[i] + "' is not followed by a version");
                }
                tokens.add(raw[i] + raw[++i]);
            } else {
                tokens.add(raw[i]);
            }
        }
        return tokens;
    }

    private void hyphen(String from, String to, List<Constraint> set) {
        PartialVersion lower = partial(bare(from));
        PartialVersion upper = partial(bare(to));
        if (!lower.isAny()) {
            set.add(new Constraint(Operator.GREATER_OR_EQUAL, lower.floor()));
        }
        if (upper.isFull()) {
            set.add(new Constraint(Operator.LESS_OR_EQUAL, upper.floor()));
        } else if (!upper.isAny()) {
            upper.ceiling().ifPresent(ceiling -> set.add(new Constraint(Operator.LESS, ceiling)));
        }
    }

    private String bare(String bound) {
        if (!bound.isEmpty() && OPERATOR_CHARS.indexOf(bound.charAt(0)) >= 0) {
            throw invalid("hyphen range versions take no operator: '" + bound + "'");
        }
        return bound;
    }

    private void simple(String token, List<Constraint> set) {
        Matcher matcher = OPERATOR.matcher(token);
        matcher.matches();
        String operator = matcher.group(1) == null ? "" : matcher.group(1);
        String rest = matcher.group(2);
        if (!rest.isEmpty() && OPERATOR_CHARS.indexOf(rest.charAt(0)) >= 0) {
            throw invalid("'" + token + "' starts with an unknown operator; use <, <=, >, >=, =, ~ or ^");
        }
        PartialVersion version = partial(rest);
        switch (operator) {
            case "^" -> caret(version, set);
            case "~" -> tilde(version, set);
            case "" -> primitive(Operator.EQUAL, version, set);
            default -> primitive(operatorFor(operator), version, set);
        }
    }

    /** {@code ^} allows changes that keep the left-most non-zero number given. */
    private static void caret(PartialVersion version, List<Constraint> set) {
        if (version.isAny()) {
            return;
        }
        SemVer floor = version.floor();
        Optional<SemVer> ceiling;
        if (floor.major() > 0 || version.precision() == 1) {
            ceiling = PartialVersion.bumpMajor(floor);
        } else if (floor.minor() > 0 || version.precision() == 2) {
            ceiling = PartialVersion.bumpMinor(floor);
        } else {
            ceiling = PartialVersion.bumpPatch(floor);
        }
        range(floor, ceiling, set);
    }

    /** {@code ~} allows patch-level changes when a minor is given, minor-level ones otherwise. */
    private static void tilde(PartialVersion version, List<Constraint> set) {
        if (version.isAny()) {
            return;
        }
        SemVer floor = version.floor();
        range(floor, version.precision() == 1 ? PartialVersion.bumpMajor(floor) : PartialVersion.bumpMinor(floor), set);
    }

    private static void primitive(Operator operator, PartialVersion version, List<Constraint> set) {
        if (version.isFull()) {
            set.add(new Constraint(operator, version.floor()));
            return;
        }
        if (version.isAny()) {
            if (operator == Operator.LESS || operator == Operator.GREATER) {
                set.add(Constraint.none());
            }
            return;
        }
        SemVer floor = version.floor();
        Optional<SemVer> ceiling = version.ceiling();
        switch (operator) {
            case GREATER -> set.add(ceiling.map(c -> new Constraint(Operator.GREATER_OR_EQUAL, c))
                    .orElseGet(Constraint::none));
            case GREATER_OR_EQUAL -> set.add(new Constraint(Operator.GREATER_OR_EQUAL, floor));
            case LESS -> set.add(new Constraint(Operator.LESS, floor));
            case LESS_OR_EQUAL -> ceiling.ifPresent(c -> set.add(new Constraint(Operator.LESS, c)));
            case EQUAL -> range(floor, ceiling, set);
        }
    }

    private static void range(SemVer floor, Optional<SemVer> ceiling, List<Constraint> set) {
        set.add(new Constraint(Operator.GREATER_OR_EQUAL, floor));
        ceiling.ifPresent(c -> set.add(new Constraint(Operator.LESS, c)));
    }

    private static Operator operatorFor(String symbol) {
        for (Operator operator : Operator.values()) {
            if (operator.symbol().equals(symbol)) {
                return operator;
            }
        }
        throw new IllegalStateException("no operator " + symbol);
    }

    private PartialVersion partial(String version) {
        try {
            return PartialVersion.parse(version);
        } catch (IllegalArgumentException e) {
            throw invalid(e.getMessage());
        }
    }

    private IllegalArgumentException invalid(String reason) {
        return new IllegalArgumentException("'" + text + "' is not a valid version range: " + reason);
    }
}
