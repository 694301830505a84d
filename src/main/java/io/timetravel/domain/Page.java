package io.timetravel.domain;

import java.util.List;
import java.util.function.Function;

/** One page of a longer list, with the size of the whole list. */
public record Page<T>(List<T> items, int limit, int offset, long total) {

    public Page {
        items = List.copyOf(items);
    }

    public <R> Page<R> map(Function<? super T, ? extends R> mapper) {
        return new Page<>(items.stream().<R>map(mapper).toList(), limit, offset, total);
    }
}
