package dev.syncline.core.flow;

/** Which way a flow moves records. */
public enum Direction {
  /** From A to B only. */
  ONE_WAY,
  /** Both ways, with a master of record deciding conflicts. */
  TWO_WAY
}
