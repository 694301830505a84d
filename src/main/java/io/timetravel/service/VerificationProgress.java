package io.timetravel.service;

/** Told how far a verification has come, after each page it checks (on the verifying thread). */
@FunctionalInterface
public interface VerificationProgress {

    /** Nobody listens. */
    VerificationProgress NONE = (checked, total) -> { };

    /**
     * @param checked entries (audit entries and ledger entries together) checked so far
     * @param total   how many there are to check, as far as known when the walk began (never below {@code checked})
     */
    void checked(long checked, long total);
}
