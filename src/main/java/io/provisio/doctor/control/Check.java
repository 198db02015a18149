package io.provisio.doctor.control;

import io.provisio.scim.control.ScimJson;
import jakarta.json.JsonObject;
import java.util.List;

/**
 * One cause the provisioning doctor looked into: its status, what it found in one sentence, the
 * evidence (dates, counts, values, at most a few lines each), what to do, and where in the console.
 */
public record Check(String id, Status status, String summary, List<String> evidence, String remedy, String link) {

  public enum Status { OK, WARN, FAIL }

  public Check {
    evidence = List.copyOf(evidence);
  }

  public JsonObject json() {
    var lines = ScimJson.arrayBuilder();
    evidence.forEach(lines::add);
    var json = ScimJson.objectBuilder()
        .add("id", id).add("status", status.name()).add("summary", summary).add("evidence", lines);
    if (remedy != null) json.add("remedy", remedy); else json.addNull("remedy");
    return json.add("link", link).build();
  }

  /** The worse of two statuses. */
  static Status worst(Status a, Status b) {
    return a.ordinal() >= b.ordinal() ? a : b;
  }
}
