package io.provisio.users.control;

import java.util.Map;

/**
 * The names of what a user is classified into, by id, from the components that own them
 * (mappings/control/MappingNames implements it): the user report shows and sorts by them without
 * reading those components' tables.
 */
public interface ClassificationNames {

  /** The tenant's profiles: id → name. */
  Map<String, String> profiles(String tenantId);

  /** Every storage region: id → name. */
  Map<String, String> regions();

  /** The tenant's mappings: id → name. */
  Map<String, String> mappings(String tenantId);
}
