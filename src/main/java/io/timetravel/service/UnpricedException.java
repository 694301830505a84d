package io.timetravel.service;

import io.timetravel.domain.premium.InputProblem;
import java.util.List;

/**
 * The record lacks, or holds unusable values of, inputs the chosen engine needs: a client can
 * fix it by completing the record (HTTP 422).
 */
public final class UnpricedException extends ServiceException {

    private static final long serialVersionUID = 1L;

    private final transient List<InputProblem> problems;

    public UnpricedException(String message, List<InputProblem> problems) {
        super(message);
        this.problems = List.copyOf(problems);
    }

    /** The fields that are absent. */
    public List<String> missing() {
        return problems.stream().filter(InputProblem::isMissing).map(InputProblem::field).toList();
    }

    /** The fields present with a value the engine cannot use. */
    public List<InputProblem> invalid() {
        return problems.stream().filter(problem -> !problem.isMissing()).toList();
    }
}
