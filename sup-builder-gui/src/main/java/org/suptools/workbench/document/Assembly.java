package org.suptools.workbench.document;

import java.util.List;
import java.util.Optional;
import org.suptools.model.problem.Problem;
import org.suptools.model.spec.PackageSpec;

/**
 * What the model makes of a document: every problem, field checks and whole-package checks alike,
 * and the spec when every part of it could be made.
 */
public record Assembly(Optional<PackageSpec> spec, List<Problem> problems) {

    public Assembly {
        problems = List.copyOf(problems);
    }

    public boolean hasErrors() {
        return problems.stream().anyMatch(Problem::isError);
    }

    public long errorCount() {
        return problems.stream().filter(Problem::isError).count();
    }

    public long warningCount() {
        return problems.size() - errorCount();
    }

    /** The problems at a location or inside it: {@code actions[2]} covers {@code actions[2].source}. */
    public List<Problem> at(String location) {
        return problems.stream().filter(p -> within(p.location(), location)).toList();
    }

    static boolean within(String location, String prefix) {
        return location.equals(prefix) || location.startsWith(prefix + ".") || location.startsWith(prefix + "[");
    }
}
