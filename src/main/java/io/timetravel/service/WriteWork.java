package io.timetravel.service;

/** A unit of work run on the single writer; throwing undoes everything it wrote. */
@FunctionalInterface
public interface WriteWork<T> {
    T run(WriteSession session);
}
