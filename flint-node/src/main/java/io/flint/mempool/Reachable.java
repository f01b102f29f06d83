package io.flint.mempool;

import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.function.Function;

/**
 * Graph walks over unconfirmed transactions: a set with everything reachable from it along
 * parent links (its ancestors) or child links (its descendants), the pool's and the block
 * template's shared question.
 */
public final class Reachable {
    private Reachable() {}

    /** {@code start} and every node reachable from it through {@code next}, breadth first, in discovery order. */
    public static <T> Set<T> from(Collection<T> start, Function<T, ? extends Collection<T>> next) {
        Set<T> seen = new LinkedHashSet<>(start);
        Deque<T> todo = new ArrayDeque<>(start);
        while (!todo.isEmpty()) {
            for (T n : next.apply(todo.poll())) {
                if (seen.add(n)) {
                    todo.add(n);
                }
            }
        }
        return seen;
    }
}
