package io.exomarket.broker.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * The HTTP Basic credentials the platform must present. Read from the environment or from a file: a
 * directory holding {@code username} and {@code password} files (a mounted Kubernetes Secret), or a
 * properties file with {@code username=} and {@code password=}. Never printed.
 */
public record Credentials(String username, String password) {
  public Credentials {
    if (username == null || username.isEmpty() || password == null || password.isEmpty()) {
      throw new IllegalArgumentException(
          "broker credentials need a non-empty username and password");
    }
  }

  public static Credentials fromFile(Path path) {
    try {
      if (Files.isDirectory(path)) {
        return new Credentials(
            Files.readString(path.resolve("username"), StandardCharsets.UTF_8).strip(),
            Files.readString(path.resolve("password"), StandardCharsets.UTF_8).strip());
      }
      Properties p = new Properties();
      try (Reader r = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
        p.load(r);
      }
      return new Credentials(p.getProperty("username"), p.getProperty("password"));
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read broker credentials from " + path, e);
    }
  }

  @Override
  public String toString() {
    return "Credentials[username=" + username + ", password=***]";
  }
}
