package io.timetravel.domain.archfixture.cycle.second;

import io.timetravel.domain.archfixture.cycle.first.First;

/** The other half of the planted package cycle. Never called. */
public final class Second {

    private Second() {
    }

    public static int depth() {
        return 1;
    }

    static int back() {
        return First.depth();
    }
}
