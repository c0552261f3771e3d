package dev.syncline.archfixture.core;

import dev.syncline.archfixture.store.SomeStore;
import java.sql.Connection;

/** Deliberately wrong: a core class that reaches into the store and speaks SQL. */
public class WrongCore {
  public Connection connect(SomeStore store) {
    return store.connection();
  }
}
