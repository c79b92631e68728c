package io.distsync.lock;

import java.util.regex.Pattern;

/** The contract's rule for names: 1..256 characters of {@code [A-Za-z0-9._:/-]}. */
public final class LockNames {
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._:/-]{1,256}");

  private LockNames() {}

  public static boolean valid(String name) {
    return name != null && NAME.matcher(name).matches();
  }
}
