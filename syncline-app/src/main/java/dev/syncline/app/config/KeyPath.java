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

  /** Reads the dotted form back: {@code flows[0].mapping.buyerName}. */
  static KeyPath parse(String dotted) {
    var elements = new ArrayList<Object>();
    for (var part : dotted.split("\\.")) {
      var name = part;
      var bracket = name.indexOf('[');
      var head = bracket < 0 ? name : name.substring(0, bracket);
      if (!head.isEmpty()) {
        elements.add(head);
      }
      while (bracket >= 0) {
        var close = name.indexOf(']', bracket);
        elements.add(Integer.parseInt(name.substring(bracket + 1, close)));
        bracket = name.indexOf('[', close);
      }
    }
    return new KeyPath(elements);
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
