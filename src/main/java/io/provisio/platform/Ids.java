package io.provisio.platform;

import java.util.UUID;

/** Identifiers of every entity: random UUIDs, as strings (SCIM ids are strings). */
public final class Ids {

  private Ids() {}

  public static String newId() {
    return UUID.randomUUID().toString();
  }
}
