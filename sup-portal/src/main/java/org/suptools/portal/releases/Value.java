package org.suptools.portal.releases;

import java.math.BigDecimal;
import java.util.Optional;
import org.suptools.model.version.SemVer;

/**
 * A value a policy compares: a string, a number, a boolean, or missing (a name the device description
 * does not have, or has as an object or array). Comparisons are by SemVer precedence when both sides are
 * SemVer versions, by number when both are numbers, by text otherwise; a missing value compares to nothing.
 */
sealed interface Value {

    record Text(String text) implements Value {
    }

    record Number(BigDecimal number) implements Value {
    }

    record Bool(boolean value) implements Value {
    }

    enum Missing implements Value {
        INSTANCE
    }

    /** The comparison of two values, empty when they cannot be compared (either is missing, or types differ). */
    static Optional<Integer> compare(Value left, Value right) {
        if (left instanceof Text l && right instanceof Text r) {
            Optional<SemVer> lv = version(l.text());
            Optional<SemVer> rv = version(r.text());
            if (lv.isPresent() && rv.isPresent()) {
                return Optional.of(Integer.signum(lv.get().compareTo(rv.get())));
            }
            return Optional.of(Integer.signum(l.text().compareTo(r.text())));
        }
        if (left instanceof Number l && right instanceof Number r) {
            return Optional.of(l.number().compareTo(r.number()));
        }
        if (left instanceof Bool l && right instanceof Bool r) {
            return Optional.of(Boolean.compare(l.value(), r.value()));
        }
        return Optional.empty();
    }

    /** The text as a SemVer version, if it is one. */
    static Optional<SemVer> version(String text) {
        // A cheap test first: most texts (product names) are not versions, and SemVer.parse throws for those.
        if (text.isEmpty() || !Character.isDigit(text.charAt(0)) || text.length() > 256) {
            return Optional.empty();
        }
        try {
            return Optional.of(SemVer.parse(text));
        } catch (IllegalArgumentException notAVersion) {
            return Optional.empty();
        }
    }
}
