package io.provisio.scim.control;

/** What the SCIM endpoint core reads of every stored resource: its id and its version (the ETag). */
public interface ScimResource {

  String getId();

  /** Raised by every change; the resource's weak ETag (RFC 7644 §3.14). */
  long getVersion();
}
