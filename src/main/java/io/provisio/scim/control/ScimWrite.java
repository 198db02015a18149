package io.provisio.scim.control;

import jakarta.enterprise.context.RequestScoped;
import java.util.function.Supplier;

/**
 * The SCIM write this request is making, recorded by the endpoint core before it calls the resource
 * type: which type, which verb, whose tenant, and how to name its subject. A resource type does not
 * record anything itself; whoever reports a failed write (the provisioning log) reads it here after
 * the write's transaction was rolled back. The subject is computed only when it is asked for, so a
 * successful write pays nothing for it.
 */
@RequestScoped
public class ScimWrite {

  public enum Verb { CREATE, REPLACE, PATCH, DELETE }

  /** Who a write concerns: its id (once known), its name (a userName, a displayName) and email. */
  public record Subject(String id, String name, String email) {
    public static Subject ofId(String id) {
      return new Subject(id, null, null);
    }
  }

  private String resourceType;
  private Verb verb;
  private String tenantId;
  private Supplier<Subject> subject = () -> Subject.ofId(null);

  /** A write of this tenant starts; its subject so far is the one {@code subject} gives. */
  public void start(String resourceType, Verb verb, String tenantId, Supplier<Subject> subject) {
    this.resourceType = resourceType;
    this.verb = verb;
    this.tenantId = tenantId;
    this.subject = subject;
  }

  /** The subject is now known better (the stored resource was found). */
  public void subject(Supplier<Subject> subject) {
    this.subject = subject;
  }

  /** Whether this request makes a SCIM write at all. */
  public boolean started() {
    return verb != null;
  }

  /** The resource type's name, as its schema gives it ("User", "Group"). */
  public String resourceType() { return resourceType; }
  public Verb verb() { return verb; }
  public String tenantId() { return tenantId; }

  /** The subject; computed now, from what the write has (it may be incomplete or unreadable input). */
  public Subject subject() {
    return subject.get();
  }
}
