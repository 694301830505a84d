package io.timetravel.service;

import io.timetravel.domain.LedgerDigest;
import java.util.List;

/**
 * Where the digests taken over time are kept, one line each, oldest first ({@code digests.log}
 * beside the database), so that a rewrite of the ledger after any of them shows without the
 * auditor having kept one.
 */
public interface DigestLog {

    /** Adds a digest as the last line, durably. */
    void append(LedgerDigest digest);

    /** Every line as written, in order; none when there is no log yet. */
    List<String> lines();

    /** What to call it in messages, e.g. {@code digests.log}. */
    String name();
}
