package com.switchboard.platform.config;

import io.dropwizard.configuration.ConfigurationSourceProvider;
import io.dropwizard.configuration.FileConfigurationSourceProvider;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;

/** Reads {@code classpath:name.yml} from the jar, anything else from the file system. */
public class ClasspathOrFileSourceProvider implements ConfigurationSourceProvider {
  public static final String PREFIX = "classpath:";
  private final FileConfigurationSourceProvider files = new FileConfigurationSourceProvider();

  @Override
  public InputStream open(String path) throws IOException {
    if (path.startsWith(PREFIX)) {
      String resource = path.substring(PREFIX.length());
      InputStream stream = getClass().getClassLoader().getResourceAsStream(resource);
      if (stream == null) {
        throw new FileNotFoundException("no bundled configuration " + resource);
      }
      return stream;
    }
    return files.open(path);
  }
}
