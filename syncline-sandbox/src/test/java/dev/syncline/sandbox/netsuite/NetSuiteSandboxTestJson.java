package dev.syncline.sandbox.netsuite;

import dev.syncline.sandbox.common.SandboxHttp;

/** JSON helpers for the sandbox's tests. */
final class NetSuiteSandboxTestJson {
  private NetSuiteSandboxTestJson() {}

  static tools.jackson.databind.JsonNode read(String text) {
    return SandboxHttp.JSON.readTree(text);
  }

  static String quote(String text) {
    return SandboxHttp.JSON.getNodeFactory().stringNode(text).toString();
  }
}
