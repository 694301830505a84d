package io.timetravel.domain.premium;

import java.util.List;

/** What an engine made of a record: a quote, or the inputs it lacks. */
public sealed interface PremiumOutcome {

    /** A premium and how it was reached. */
    record Priced(Quote quote) implements PremiumOutcome {
    }

    /** No premium: each field that is missing or unusable, and why. */
    record Unpriced(List<InputProblem> problems) implements PremiumOutcome {
        public Unpriced {
            if (problems.isEmpty()) {
                throw new IllegalArgumentException("an unpriced outcome names at least one problem");
            }
            problems = List.copyOf(problems);
        }

        /** {@code date_of_birth: missing; risk.score: not a whole number from 0 to 100}. */
        public String describe() {
            return String.join("; ", problems.stream().map(InputProblem::toString).toList());
        }
    }
}
