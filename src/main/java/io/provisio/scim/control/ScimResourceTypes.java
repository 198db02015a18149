package io.provisio.scim.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Every resource type the application has (each a CDI bean), in the order of their names. */
@ApplicationScoped
public class ScimResourceTypes {

  @Inject @Any Instance<ScimResourceType<?>> types;

  public List<ScimResourceType<?>> all() {
    List<ScimResourceType<?>> all = new ArrayList<>();
    types.forEach(all::add);
    all.sort(Comparator.comparing(t -> t.schema().name()));
    return all;
  }
}
