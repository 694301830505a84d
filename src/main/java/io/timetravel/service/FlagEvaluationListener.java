package io.timetravel.service;

/** Told about every feature-flag evaluation, e.g. to count them in metrics. Must be cheap and never block. */
@FunctionalInterface
public interface FlagEvaluationListener {

    void evaluated(String flagKey, boolean result);

    static FlagEvaluationListener none() {
        return (flagKey, result) -> { };
    }
}
