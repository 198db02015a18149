package io.provisio.platform;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Reads an enum from a request field, with an error that lists the accepted values. */
public final class Enums {

  private Enums() {}

  public static <E extends Enum<E>> E parse(Class<E> type, String value, String field) {
    if (value != null) {
      for (E constant : type.getEnumConstants()) {
        if (constant.name().equals(value.trim().toUpperCase(Locale.ROOT))) {
          return constant;
        }
      }
    }
    throw ApiException.invalid(
        field,
        field
            + " must be one of "
            + Arrays.stream(type.getEnumConstants()).map(Enum::name).collect(Collectors.joining(", "))
            + (value == null ? "" : "; got \"" + value + "\""));
  }
}
