package vn.dvk.kit.web;

import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;

/** Page requests from query parameters, clamped so that a client cannot ask for a negative page or a huge one. */
public final class Paging {

    public static final int MAX_SIZE = 200;

    private Paging() {
    }

    public static PageRequest of(int page, int size, Sort sort) {
        return PageRequest.of(Math.max(page, 0), Math.min(Math.max(size, 1), MAX_SIZE), sort);
    }
}
