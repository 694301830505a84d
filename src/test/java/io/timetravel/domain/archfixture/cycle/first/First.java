package io.timetravel.domain.archfixture.cycle.first;

import io.timetravel.domain.archfixture.cycle.second.Second;

/** One half of a package cycle planted for {@code ArchitectureRulesTest}. Never called. */
public final class First {

    private First() {
    }

    public static int depth() {
        return Second.depth() + 1;
    }
}
