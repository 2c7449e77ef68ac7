package vn.dvk.kit.store;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * A long list of ids cut into slices for {@code _id $in} lookups and writes: one query per slice keeps each command
 * small, and a query by {@code _id} alone is what the MongoDB-wire server answers from its index.
 */
public final class Slices {

    private Slices() {
    }

    /** The items in order, in slices of at most {@code size}. */
    public static <T> List<List<T>> of(Collection<T> items, int size) {
        List<T> all = List.copyOf(items);
        List<List<T>> slices = new ArrayList<>();
        for (int from = 0; from < all.size(); from += size) {
            slices.add(all.subList(from, Math.min(all.size(), from + size)));
        }
        return slices;
    }
}
