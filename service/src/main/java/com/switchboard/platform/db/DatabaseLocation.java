package com.switchboard.platform.db;

import com.switchboard.SwitchboardConfiguration;
import io.dropwizard.db.DataSourceFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;

/**
 * Decides which PostgreSQL the service talks to: the one named by {@code database.url} (or {@code
 * DATABASE_URL}, JDBC or {@code postgres://user:pass@host:port/db} form), or else an embedded
 * server it starts itself under the data directory.
 */
public final class DatabaseLocation {
  /** The {@code database.url} value that asks for the embedded server. */
  public static final String EMBEDDED = "embedded";

  private static EmbeddedPostgresServer embedded;

  private DatabaseLocation() {}

  /**
   * Fills in the data source's URL and credentials. Returns the embedded server it started, or null
   * when an external database is configured. Idempotent within one JVM.
   */
  public static synchronized EmbeddedPostgresServer resolve(SwitchboardConfiguration config) {
    DataSourceFactory database = config.getDataSourceFactory();
    String url = database.getUrl();
    if (url != null && !url.isBlank() && !EMBEDDED.equals(url)) {
      if (url.startsWith("postgres://") || url.startsWith("postgresql://")) {
        applyUriForm(database, url);
      }
      return null;
    }
    if (embedded == null) {
      try {
        embedded =
            EmbeddedPostgresServer.start(
                Path.of(config.getDataDirectory(), "postgres"), config.getEmbeddedDatabasePort());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    database.setUrl(embedded.jdbcUrl());
    database.setUser(EmbeddedPostgresServer.APP_ROLE);
    database.setPassword(EmbeddedPostgresServer.APP_ROLE);
    return embedded;
  }

  /**
   * The same database and connection settings as {@code source} (after {@link #resolve}), for a
   * second pool of at most {@code connections} connections.
   */
  public static DataSourceFactory sizedCopy(DataSourceFactory source, int connections) {
    DataSourceFactory copy = new DataSourceFactory();
    copy.setDriverClass(source.getDriverClass());
    copy.setUrl(source.getUrl());
    copy.setUser(source.getUser());
    copy.setPassword(source.getPassword());
    copy.setProperties(source.getProperties());
    copy.setMaxWaitForConnection(source.getMaxWaitForConnection());
    source.getValidationQuery().ifPresent(copy::setValidationQuery);
    copy.setValidationQueryTimeout(source.getValidationQueryTimeout().orElse(null));
    copy.setCheckConnectionOnBorrow(source.getCheckConnectionOnBorrow());
    copy.setCheckConnectionWhileIdle(source.getCheckConnectionWhileIdle());
    copy.setValidationInterval(source.getValidationInterval());
    copy.setMaxSize(connections);
    copy.setMinSize(Math.min(source.getMinSize(), connections));
    copy.setInitialSize(Math.min(source.getInitialSize(), connections));
    return copy;
  }

  static void applyUriForm(DataSourceFactory database, String url) {
    URI uri = URI.create(url);
    int port = uri.getPort() > 0 ? uri.getPort() : 5432;
    String query = uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
    database.setUrl("jdbc:postgresql://" + uri.getHost() + ":" + port + uri.getRawPath() + query);
    // getUserInfo() undoes percent-escapes only; '+' stays '+' as URIs (unlike forms) intend.
    String userInfo = uri.getUserInfo();
    if (userInfo != null) {
      int colon = userInfo.indexOf(':');
      database.setUser(colon < 0 ? userInfo : userInfo.substring(0, colon));
      if (colon >= 0) {
        database.setPassword(userInfo.substring(colon + 1));
      }
    }
  }
}
