package dev.syncline.sandbox.joor;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Everything the JOOR sandbox knows: its accounts and who may call them. */
final class JoorState {

  final Auth auth = new Auth();
  final Ids ids = new Ids();
  final JoorSandboxSettings settings;
  private final Map<String, Account> accounts = new ConcurrentHashMap<>();

  JoorState(JoorSandboxSettings settings) {
    this.settings = settings;
  }

  Optional<Account> account(String id) {
    return Optional.ofNullable(accounts.get(id));
  }

  Account addAccount(String id, String name) {
    if (!id.matches("[0-9]{1,12}")) {
      throw new IllegalArgumentException("A JOOR account id is a number, not \"" + id + "\"");
    }
    var account =
        new Account(
            id,
            name,
            new CreditMeter(settings.creditBudget(), settings.creditWindow()),
            ids,
            settings.matchDelay());
    if (accounts.putIfAbsent(id, account) != null) {
      throw new IllegalArgumentException("Account " + id + " exists already");
    }
    return account;
  }

  List<Account> accounts() {
    return accounts.values().stream().sorted(java.util.Comparator.comparing(a -> a.id)).toList();
  }
}
