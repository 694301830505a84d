package io.timetravel.domain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * Sticky rollout: each (flag, user) pair falls in one of 100 buckets, from a hash that is the
 * same on every machine and every run, so raising a flag's percentage only ever adds users and
 * a user never flips between answers. Different flags spread users differently.
 */
public final class RolloutBuckets {

    private RolloutBuckets() {
    }

    /** The bucket, 0 to 99, of a user for a flag. */
    public static int bucket(String flagKey, long userId) {
        MessageDigest digest = HashChain.sha256();
        byte[] hash = digest.digest((flagKey + ":" + userId).getBytes(StandardCharsets.UTF_8));
        long value = ((hash[0] & 0xFFL) << 24) | ((hash[1] & 0xFFL) << 16) | ((hash[2] & 0xFFL) << 8) | (hash[3] & 0xFFL);
        return (int) (value % 100);
    }
}
