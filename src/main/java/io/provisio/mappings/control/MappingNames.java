package io.provisio.mappings.control;

import io.provisio.mappings.entity.Mapping;
import io.provisio.profiles.control.ProfileStore;
import io.provisio.users.control.ClassificationNames;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.LinkedHashMap;
import java.util.Map;

/** The names users are classified into: mappings from here, profiles and regions from their store. */
@ApplicationScoped
public class MappingNames implements ClassificationNames {

  @Inject Mappings mappings;
  @Inject ProfileStore profiles;

  @Override
  public Map<String, String> profiles(String tenantId) {
    return profiles.profileNames(tenantId);
  }

  @Override
  public Map<String, String> regions() {
    return profiles.regionNames();
  }

  @Override
  public Map<String, String> mappings(String tenantId) {
    Map<String, String> names = new LinkedHashMap<>();
    for (Mapping mapping : mappings.list(tenantId)) {
      names.put(mapping.getId(), mapping.getName());
    }
    return names;
  }
}
