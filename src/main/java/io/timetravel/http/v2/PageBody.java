package io.timetravel.http.v2;

import io.timetravel.domain.Page;
import java.util.List;

/** A page of items with {@code {"data":[...],"pagination":{limit,offset,total}}}. */
public record PageBody<T>(List<T> data, Pagination pagination) {

    /** Where the page lies in the whole list. */
    public record Pagination(int limit, int offset, long total) {
    }

    public static <T> PageBody<T> of(Page<T> page) {
        return new PageBody<>(page.items(), new Pagination(page.limit(), page.offset(), page.total()));
    }
}
