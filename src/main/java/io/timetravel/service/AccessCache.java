package io.timetravel.service;

import io.timetravel.domain.access.Caller;
import io.timetravel.domain.access.FieldPolicies;
import io.timetravel.domain.access.User;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * What {@link AccessService} reads per request, each kept for at most a time to live: the caller
 * a token stands for, users by id, whether any user is registered, and the field policies. A
 * change made through the service makes everything stale at once; one made elsewhere (the
 * command line) is seen within the time to live.
 */
final class AccessCache {

    private static final int MAX_CACHED = 10_000;

    private final long ttlNanos;
    private final ConcurrentHashMap<String, Cached<Optional<Caller>>> tokens = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Long, Cached<Optional<User>>> users = new ConcurrentHashMap<>();
    private final AtomicReference<Cached<FieldPolicies>> policies = new AtomicReference<>();
    private final AtomicReference<Cached<Boolean>> anyUsers = new AtomicReference<>();
    private final AtomicLong generation = new AtomicLong();

    AccessCache(Duration ttl) {
        this.ttlNanos = ttl.toNanos();
    }

    /**
     * A value read from the store, with when the read started and the generation of changes it
     * saw: a change made through this service bumps the generation, so a read that raced with
     * it is never trusted afterwards, however fresh.
     */
    private record Cached<T>(T value, long readAt, long generation) {
    }

    private boolean fresh(Cached<?> cached) {
        return cached != null && cached.generation() == generation.get() && System.nanoTime() - cached.readAt() < ttlNanos;
    }

    private <T> Cached<T> read(Supplier<T> load) {
        long seen = generation.get();
        long started = System.nanoTime();
        return new Cached<>(load.get(), started, seen);
    }

    /** Everything cached is stale: called after each change made through the service. */
    void changed() {
        generation.incrementAndGet();
    }

    /** The caller {@code token} stands for, as {@code lookUp} last found it. */
    Optional<Caller> caller(String token, Supplier<Optional<Caller>> lookUp) {
        return cached(tokens, token, lookUp);
    }

    /** Whether any user is registered, as {@code load} last found it. */
    boolean anyUsers(Supplier<Boolean> load) {
        return cached(anyUsers, load);
    }

    /** User {@code id}, as {@code load} last found it. */
    Optional<User> user(long id, Supplier<Optional<User>> load) {
        return cached(users, id, load);
    }

    /** {@code key}'s value in {@code map}, read again when stale; a map grown past its bound starts over. */
    private <K, V> V cached(ConcurrentHashMap<K, Cached<V>> map, K key, Supplier<V> load) {
        Cached<V> cached = map.get(key);
        if (!fresh(cached)) {
            if (map.size() > MAX_CACHED) {
                map.clear();
            }
            cached = read(load);
            map.put(key, cached);
        }
        return cached.value();
    }

    /** The field policies in force, as {@code load} last found them. */
    FieldPolicies policies(Supplier<FieldPolicies> load) {
        return cached(policies, load);
    }

    /** The value held in {@code slot}, read again when stale. */
    private <V> V cached(AtomicReference<Cached<V>> slot, Supplier<V> load) {
        Cached<V> cached = slot.get();
        if (!fresh(cached)) {
            cached = read(load);
            slot.set(cached);
        }
        return cached.value();
    }
}
