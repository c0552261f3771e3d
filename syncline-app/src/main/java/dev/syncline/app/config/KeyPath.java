package dev.syncline.app.config;

import java.util.ArrayList;
import java.util.List;

/**
 * The position of a value in the configuration tree: a list of property names and array indexes.
 * Shown to people as {@code flows[0].every}; used as a JSON pointer ({@code /flows/0/every})
 * inside.
 */
record KeyPath(List<Object> elements) {

  static final KeyPath ROOT = new KeyPath(List.of());

  KeyPath {
    elements = List.copyOf(elements);
  }

  KeyPath property(String name) {
    var next = new ArrayList<>(elements);
    next.add(name);
    return new KeyPath(next);
  }

  KeyPath index(int i) {
    var next = new ArrayList<>(elements);
    next.add(i);
    return new KeyPath(next);
  }

  KeyPath parent() {
    return elements.isEmpty() ? this : new KeyPath(elements.subList(0, elements.size() - 1));
  }

  boolean isRoot() {
    return elements.isEmpty();
  }

  /** The key as people write it: {@code flows[0].every}. */
  String display() {
    var sb = new StringBuilder();
    for (var element : elements) {
      if (element instanceof Integer i) {
        sb.append('[').append(i).append(']');
      } else {
        if (!sb.isEmpty()) {
          sb.append('.');
        }
        sb.append(element);
      }
    }
    return sb.toString();
  }

  @Override
  public String toString() {
    return display();
  }
}
