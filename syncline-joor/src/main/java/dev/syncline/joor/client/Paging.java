package dev.syncline.joor.client;

import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.IntFunction;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/** Walks a v2 list page by page, fetching each page only when the stream reaches it. */
final class Paging {

  private Paging() {}

  static <T> Stream<T> stream(IntFunction<Page<T>> fetch) {
    var iterator =
        new Iterator<T>() {
          private Iterator<T> items = java.util.Collections.emptyIterator();
          private int next = 0;
          private boolean more = true;

          @Override
          public boolean hasNext() {
            while (!items.hasNext() && more) {
              var page = fetch.apply(next);
              items = page.items().iterator();
              more = page.nextStart().isPresent();
              if (more && page.nextStart().getAsInt() <= next) {
                throw new dev.syncline.core.PermanentSyncException(
                    "joor",
                    "JOOR's list pointed its next page back to start_from "
                        + page.nextStart().getAsInt()
                        + " from "
                        + next
                        + ", which would never end; ask JOOR support about it.");
              }
              next = page.nextStart().orElse(next);
            }
            return items.hasNext();
          }

          @Override
          public T next() {
            if (!hasNext()) {
              throw new NoSuchElementException();
            }
            return items.next();
          }
        };
    return StreamSupport.stream(
        Spliterators.spliteratorUnknownSize(iterator, Spliterator.ORDERED), false);
  }
}
