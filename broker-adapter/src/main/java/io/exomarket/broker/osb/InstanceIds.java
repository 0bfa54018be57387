package io.exomarket.broker.osb;

/**
 * OSB lets the platform choose any instance (and binding) id. We accept any printable id up to 255
 * characters: names are derived from a hash, so no id can produce an invalid or colliding name.
 * Control characters and whitespace are refused: they are never intended and break logs and audit.
 */
public final class InstanceIds {
  public static final int MAX_LENGTH = 255;

  private InstanceIds() {}

  public static String check(String id) {
    return check(id, "instance id");
  }

  /** The same rules for another id of the path ({@code what}: "binding id"). */
  public static String check(String id, String what) {
    if (id == null || id.isEmpty()) throw OsbError.badRequest("the " + what + " is empty");
    if (id.length() > MAX_LENGTH) {
      throw OsbError.badRequest("the " + what + " is longer than " + MAX_LENGTH + " characters");
    }
    for (int i = 0; i < id.length(); i++) {
      char c = id.charAt(i);
      if (Character.isISOControl(c) || Character.isWhitespace(c) || Character.isSpaceChar(c)) {
        throw OsbError.badRequest("the " + what + " contains whitespace or control characters");
      }
    }
    return id;
  }
}
