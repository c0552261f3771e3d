package dev.syncline.archfixture.store;

import java.sql.Connection;

/** A store class, as allowed: it may speak SQL. */
public class SomeStore {
  public Connection connection() {
    return null;
  }
}
