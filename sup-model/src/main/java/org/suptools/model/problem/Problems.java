package org.suptools.model.problem;

import java.util.ArrayList;
import java.util.List;

/** Collects every problem of a whole-package check, so all of them are reported at once. */
public final class Problems {

    private final List<Problem> list = new ArrayList<>();

    public Problems error(String location, String message) {
        list.add(Problem.error(location, message));
        return this;
    }

    public Problems warning(String location, String message) {
        list.add(Problem.warning(location, message));
        return this;
    }

    public Problems addAll(List<Problem> problems) {
        list.addAll(problems);
        return this;
    }

    public boolean hasErrors() {
        return list.stream().anyMatch(Problem::isError);
    }

    public List<Problem> toList() {
        return List.copyOf(list);
    }
}
