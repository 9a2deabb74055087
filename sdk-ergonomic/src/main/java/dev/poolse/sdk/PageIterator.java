package dev.poolse.sdk;

import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.Function;

/** Walks sequence-cursored pages: fetches the next page when the current one is used up. */
final class PageIterator<T> implements Iterator<T> {
    private final Function<Long, List<T>> fetch;
    private final Function<T, Long> sequence;
    private final int pageSize;
    private Iterator<T> page = java.util.Collections.emptyIterator();
    private Long cursor;
    private boolean last;

    PageIterator(Function<Long, List<T>> fetch, Function<T, Long> sequence, int pageSize) {
        this.fetch = fetch;
        this.sequence = sequence;
        this.pageSize = pageSize;
    }

    @Override
    public boolean hasNext() {
        while (!page.hasNext()) {
            if (last) {
                return false;
            }
            List<T> items = fetch.apply(cursor);
            if (items == null || items.isEmpty()) {
                last = true;
                return false;
            }
            last = items.size() < pageSize;
            cursor = sequence.apply(items.get(items.size() - 1));
            page = items.iterator();
        }
        return true;
    }

    @Override
    public T next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        return page.next();
    }
}
