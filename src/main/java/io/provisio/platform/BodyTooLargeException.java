package io.provisio.platform;

import java.io.IOException;

/** Thrown while reading a chunked request body that passes the configured size limit. */
public class BodyTooLargeException extends IOException {

  public BodyTooLargeException(long limit) {
    super("The request body is larger than the limit of " + limit + " bytes.");
  }
}
