package org.suptools.portal.releases;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A distribution policy: a condition over a {@link DeviceDescription}, such as
 * {@code product == "dw-gateway" && runtimeVersion >= "1.2.0"}. The language is small and closed, read by a
 * hand-written recursive-descent parser and evaluated by walking the tree: names (dotted, such as
 * {@code packages.acme-config}), string, number and boolean literals, {@code == != < <= > >=},
 * {@code in [..]}, {@code && || !} and parentheses. Nothing in it runs code, loops or allocates by the
 * description's size, and its length and nesting are bounded, so neither a policy nor a description can
 * exhaust the portal.
 *
 * <p>Comparisons use SemVer precedence when both sides are SemVer versions, numbers when both are numbers,
 * text otherwise. A name the description lacks is missing: every comparison with it is false except
 * {@code !=}, which is true; a bare name as a condition is true only when it is the boolean {@code true}.
 */
public final class Policy {

    /** The longest policy the portal accepts, in characters. */
    public static final int MAX_LENGTH = 2000;
    /** The deepest nesting of parentheses and {@code !}. */
    static final int MAX_DEPTH = 32;
    private static final int MAX_LIST = 256;

    private final String text;
    private final Condition condition;

    private Policy(String text, Condition condition) {
        this.text = text;
        this.condition = condition;
    }

    /**
     * Parses a policy.
     *
     * @throws PolicyException naming the column where it went wrong
     */
    public static Policy parse(String text) {
        Objects.requireNonNull(text, "text");
        if (text.length() > MAX_LENGTH) {
            throw new PolicyException(MAX_LENGTH + 1, "a policy is at most " + MAX_LENGTH + " characters, this one has "
                    + text.length());
        }
        Parser parser = new Parser(new Lexer(text).tokens());
        Condition condition = parser.or(0);
        parser.expectEnd();
        return new Policy(text, condition);
    }

    /** Whether the device this description describes is one the policy selects. */
    public boolean matches(DeviceDescription device) {
        return condition.holds(device);
    }

    /** The policy as written. */
    public String text() {
        return text;
    }

    @Override
    public String toString() {
        return text;
    }

    // ---- the tree ----

    private interface Condition {
        boolean holds(DeviceDescription device);
    }

    private interface Operand {
        Value value(DeviceDescription device);
    }

    private record Name(List<String> path) implements Operand, Condition {
        @Override
        public Value value(DeviceDescription device) {
            return device.value(path);
        }

        @Override
        public boolean holds(DeviceDescription device) {
            return value(device) instanceof Value.Bool bool && bool.value();
        }
    }

    private record Literal(Value literal) implements Operand, Condition {
        @Override
        public Value value(DeviceDescription device) {
            return literal;
        }

        @Override
        public boolean holds(DeviceDescription device) {
            return literal instanceof Value.Bool bool && bool.value();
        }
    }

    private enum Operator {
        EQ("=="), NE("!="), LT("<"), LE("<="), GT(">"), GE(">=");

        final String symbol;

        Operator(String symbol) {
            this.symbol = symbol;
        }

        static Optional<Operator> of(String symbol) {
            for (Operator op : values()) {
                if (op.symbol.equals(symbol)) {
                    return Optional.of(op);
                }
            }
            return Optional.empty();
        }

        boolean test(Optional<Integer> order) {
            if (order.isEmpty()) {
                return this == NE;
            }
            int c = order.get();
            return switch (this) {
                case EQ -> c == 0;
                case NE -> c != 0;
                case LT -> c < 0;
                case LE -> c <= 0;
                case GT -> c > 0;
                case GE -> c >= 0;
            };
        }
    }

    private record Comparison(Operand left, Operator op, Operand right) implements Condition {
        @Override
        public boolean holds(DeviceDescription device) {
            return op.test(Value.compare(left.value(device), right.value(device)));
        }
    }

    private record In(Operand left, List<Value> list) implements Condition {
        @Override
        public boolean holds(DeviceDescription device) {
            Value value = left.value(device);
            return list.stream().anyMatch(item -> Value.compare(value, item).filter(c -> c == 0).isPresent());
        }
    }

    private record Not(Condition inner) implements Condition {
        @Override
        public boolean holds(DeviceDescription device) {
            return !inner.holds(device);
        }
    }

    private record And(List<Condition> all) implements Condition {
        @Override
        public boolean holds(DeviceDescription device) {
            return all.stream().allMatch(c -> c.holds(device));
        }
    }

    private record Or(List<Condition> any) implements Condition {
        @Override
        public boolean holds(DeviceDescription device) {
            return any.stream().anyMatch(c -> c.holds(device));
        }
    }

    // ---- reading ----

    private enum Kind { NAME, STRING, NUMBER, SYMBOL, END }

    /** A token and the column (from 1) where it starts. */
    private record Token(Kind kind, String text, int column) {
        boolean is(String symbol) {
            return (kind == Kind.SYMBOL || kind == Kind.NAME) && text.equals(symbol);
        }

        String describe() {
            return switch (kind) {
                case END -> "the end of the policy";
                case STRING -> "the string \"" + shorten(text) + "\"";
                default -> "'" + shorten(text) + "'";
            };
        }

        private static String shorten(String text) {
            return text.length() > 40 ? text.substring(0, 40) + "..." : text;
        }
    }

    private static final class Lexer {
        private final String text;
        private int at;

        Lexer(String text) {
            this.text = text;
        }

        List<Token> tokens() {
            List<Token> tokens = new ArrayList<>();
            while (true) {
                while (at < text.length() && (text.charAt(at) == ' ' || text.charAt(at) == '\t')) {
                    at++;
                }
                if (at >= text.length()) {
                    tokens.add(new Token(Kind.END, "", at + 1));
                    return tokens;
                }
                tokens.add(next());
            }
        }

        private Token next() {
            int start = at;
            char c = text.charAt(at);
            if (c == '"') {
                return string(start);
            }
            if (c >= '0' && c <= '9') {
                while (at < text.length() && (Character.isDigit(text.charAt(at)) || text.charAt(at) == '.')) {
                    at++;
                }
                String number = text.substring(start, at);
                if (!number.matches("[0-9]{1,30}(\\.[0-9]{1,30})?")) {
                    throw new PolicyException(start + 1, "'" + number + "' is not a number (digits, at most one '.';"
                            + " write a version in quotes, \"1.2.0\")");
                }
                return new Token(Kind.NUMBER, number, start + 1);
            }
            if (Character.isLetter(c) || c == '_') {
                at++;
                while (at < text.length() && isNameChar(text.charAt(at))) {
                    at++;
                }
                String name = text.substring(start, at);
                if (name.endsWith(".") || name.contains("..")) {
                    throw new PolicyException(start + 1, "'" + name + "' is not a name: a '.' separates two parts");
                }
                return new Token(Kind.NAME, name, start + 1);
            }
            for (String symbol : List.of("==", "!=", "<=", ">=", "&&", "||", "<", ">", "!", "(", ")", "[", "]", ",")) {
                if (text.startsWith(symbol, at)) {
                    at += symbol.length();
                    return new Token(Kind.SYMBOL, symbol, start + 1);
                }
            }
            String shown = Character.isISOControl(c) ? String.format("\\u%04x", (int) c) : String.valueOf(c);
            String hint = c == '=' ? " (compare with '==')" : c == '&' ? " (write '&&')" : c == '|' ? " (write '||')"
                    : c == '\'' ? " (strings are in double quotes)" : "";
            throw new PolicyException(start + 1, "unexpected character '" + shown + "'" + hint);
        }

        private static boolean isNameChar(char c) {
            return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-'
                    || c == '.';
        }

        private Token string(int start) {
            StringBuilder out = new StringBuilder();
            at++;
            while (at < text.length()) {
                char c = text.charAt(at++);
                if (c == '"') {
                    return new Token(Kind.STRING, out.toString(), start + 1);
                }
                if (c == '\\') {
                    if (at >= text.length() || (text.charAt(at) != '"' && text.charAt(at) != '\\')) {
                        throw new PolicyException(at, "only \\\" and \\\\ may be escaped in a string");
                    }
                    c = text.charAt(at++);
                } else if (Character.isISOControl(c)) {
                    throw new PolicyException(at, "a string cannot hold a control character");
                }
                out.append(c);
            }
            throw new PolicyException(start + 1, "the string is not closed with '\"'");
        }
    }

    private static final class Parser {
        private final List<Token> tokens;
        private int at;

        Parser(List<Token> tokens) {
            this.tokens = tokens;
        }

        void expectEnd() {
            Token token = peek();
            if (token.kind() != Kind.END) {
                throw new PolicyException(token.column(), "expected '&&', '||' or the end, found " + token.describe());
            }
        }

        Condition or(int depth) {
            List<Condition> any = new ArrayList<>(List.of(and(depth)));
            while (peek().is("||")) {
                at++;
                any.add(and(depth));
            }
            return any.size() == 1 ? any.get(0) : new Or(List.copyOf(any));
        }

        private Condition and(int depth) {
            List<Condition> all = new ArrayList<>(List.of(unary(depth)));
            while (peek().is("&&")) {
                at++;
                all.add(unary(depth));
            }
            return all.size() == 1 ? all.get(0) : new And(List.copyOf(all));
        }

        private Condition unary(int depth) {
            Token token = peek();
            if (token.is("!")) {
                at++;
                return new Not(unary(deeper(depth, token)));
            }
            return comparison(depth);
        }

        private Condition comparison(int depth) {
            Token first = peek();
            Object left = term(depth);
            Token next = peek();
            Optional<Operator> op = next.kind() == Kind.SYMBOL ? Operator.of(next.text()) : Optional.empty();
            if (op.isPresent() || next.is("in")) {
                if (!(left instanceof Operand operand)) {
                    throw new PolicyException(next.column(), "a condition in parentheses cannot be compared");
                }
                at++;
                if (op.isPresent()) {
                    Token rightToken = peek();
                    Object right = term(depth);
                    if (!(right instanceof Operand rightOperand)) {
                        throw new PolicyException(rightToken.column(), "a condition in parentheses cannot be compared");
                    }
                    return new Comparison(operand, op.get(), rightOperand);
                }
                return new In(operand, list());
            }
            if (left instanceof Condition condition
                    && !(left instanceof Literal literal && !(literal.literal() instanceof Value.Bool))) {
                return condition;
            }
            throw new PolicyException(first.column(), first.describe() + " is not a condition: compare it, such as"
                    + " product == \"dw-gateway\"");
        }

        /** A name, a literal, or a parenthesised condition. */
        private Object term(int depth) {
            Token token = peek();
            at++;
            switch (token.kind()) {
                case STRING:
                    return new Literal(new Value.Text(token.text()));
                case NUMBER:
                    return new Literal(new Value.Number(new BigDecimal(token.text())));
                case NAME:
                    if (token.text().equals("true") || token.text().equals("false")) {
                        return new Literal(new Value.Bool(token.text().equals("true")));
                    }
                    if (token.text().equals("in")) {
                        break;
                    }
                    return new Name(List.of(token.text().split("\\.")));
                case SYMBOL:
                    if (token.is("(")) {
                        Condition inner = or(deeper(depth, token));
                        Token close = peek();
                        if (!close.is(")")) {
                            throw new PolicyException(close.column(), "expected ')' to close the '(' at column "
                                    + token.column() + ", found " + close.describe());
                        }
                        at++;
                        return inner;
                    }
                    break;
                default:
                    break;
            }
            throw new PolicyException(token.column(), "expected a name, a string, a number or '(', found "
                    + token.describe());
        }

        private List<Value> list() {
            Token open = peek();
            if (!open.is("[")) {
                throw new PolicyException(open.column(), "expected '[' after 'in', found " + open.describe());
            }
            at++;
            List<Value> values = new ArrayList<>();
            while (true) {
                Token token = peek();
                at++;
                if (token.kind() == Kind.STRING) {
                    values.add(new Value.Text(token.text()));
                } else if (token.kind() == Kind.NUMBER) {
                    values.add(new Value.Number(new BigDecimal(token.text())));
                } else if (token.is("true") || token.is("false")) {
                    values.add(new Value.Bool(token.text().equals("true")));
                } else {
                    throw new PolicyException(token.column(), "expected a string or number in the list, found "
                            + token.describe());
                }
                if (values.size() > MAX_LIST) {
                    throw new PolicyException(token.column(), "a list holds at most " + MAX_LIST + " values");
                }
                Token separator = peek();
                at++;
                if (separator.is("]")) {
                    return List.copyOf(values);
                }
                if (!separator.is(",")) {
                    throw new PolicyException(separator.column(), "expected ',' or ']', found " + separator.describe());
                }
            }
        }

        private static int deeper(int depth, Token token) {
            if (depth + 1 > MAX_DEPTH) {
                throw new PolicyException(token.column(), "nested more than " + MAX_DEPTH + " levels deep");
            }
            return depth + 1;
        }

        private Token peek() {
            return tokens.get(Math.min(at, tokens.size() - 1));
        }
    }
}
