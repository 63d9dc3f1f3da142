package com.switchboard.platform.db;

import static org.assertj.core.api.Assertions.assertThat;

import io.dropwizard.db.DataSourceFactory;
import org.junit.jupiter.api.Test;

class DatabaseLocationTest {
  private static DataSourceFactory applied(String url) {
    DataSourceFactory database = new DataSourceFactory();
    database.setUser("unchanged-user");
    database.setPassword("unchanged-password");
    DatabaseLocation.applyUriForm(database, url);
    return database;
  }

  @Test
  void aPostgresUriBecomesAJdbcUrlWithDecodedCredentials() {
    DataSourceFactory database = applied("postgres://user:p%40ss@host:5433/db?sslmode=require");

    assertThat(database.getUrl()).isEqualTo("jdbc:postgresql://host:5433/db?sslmode=require");
    assertThat(database.getUser()).isEqualTo("user");
    assertThat(database.getPassword()).isEqualTo("p@ss");
  }

  @Test
  void thePostgresqlSchemeIsAcceptedToo() {
    DataSourceFactory database = applied("postgresql://app:secret@db.internal:6543/switchboard");

    assertThat(database.getUrl()).isEqualTo("jdbc:postgresql://db.internal:6543/switchboard");
    assertThat(database.getUser()).isEqualTo("app");
    assertThat(database.getPassword()).isEqualTo("secret");
  }

  @Test
  void theDefaultPortIs5432() {
    assertThat(applied("postgres://u:p@host/db").getUrl())
        .isEqualTo("jdbc:postgresql://host:5432/db");
  }

  @Test
  void aUriWithoutCredentialsKeepsTheConfiguredOnes() {
    DataSourceFactory database = applied("postgres://host:5433/db");

    assertThat(database.getUrl()).isEqualTo("jdbc:postgresql://host:5433/db");
    assertThat(database.getUser()).isEqualTo("unchanged-user");
    assertThat(database.getPassword()).isEqualTo("unchanged-password");
  }

  @Test
  void aUserWithoutPasswordKeepsTheConfiguredPassword() {
    DataSourceFactory database = applied("postgres://only%2Duser@host/db");

    assertThat(database.getUser()).isEqualTo("only-user");
    assertThat(database.getPassword()).isEqualTo("unchanged-password");
  }

  @Test
  void percentEncodedCharactersInThePasswordAreDecoded() {
    DataSourceFactory database = applied("postgres://user:a%3Ab%2Fc%25d@host/db");

    assertThat(database.getPassword()).isEqualTo("a:b/c%d");
  }

  @Test
  void aPlusInThePasswordIsALiteralPlus() {
    DataSourceFactory database = applied("postgres://user:a+b@host/db");

    assertThat(database.getPassword()).isEqualTo("a+b");
  }

  @Test
  void queryParametersAreKeptAsGiven() {
    assertThat(applied("postgres://u:p@host/db?sslmode=verify-full&application_name=sb").getUrl())
        .isEqualTo("jdbc:postgresql://host:5432/db?sslmode=verify-full&application_name=sb");
  }

  @Test
  void aSizedCopyTalksToTheSameDatabaseWithItsOwnPoolSize() {
    DataSourceFactory requests = applied("postgres://app:secret@db:5433/switchboard");
    requests.setMaxSize(32);
    requests.setMinSize(10);
    requests.setInitialSize(10);
    requests.setProperties(java.util.Map.of("ApplicationName", "switchboard"));

    DataSourceFactory quartz = DatabaseLocation.sizedCopy(requests, 6);

    assertThat(quartz.getUrl()).isEqualTo("jdbc:postgresql://db:5433/switchboard");
    assertThat(quartz.getUser()).isEqualTo("app");
    assertThat(quartz.getPassword()).isEqualTo("secret");
    assertThat(quartz.getDriverClass()).isEqualTo(requests.getDriverClass());
    assertThat(quartz.getProperties()).containsEntry("ApplicationName", "switchboard");
    assertThat(quartz.getMaxSize()).isEqualTo(6);
    assertThat(quartz.getMinSize()).isEqualTo(6);
    assertThat(quartz.getInitialSize()).isEqualTo(6);
    assertThat(requests.getMaxSize()).isEqualTo(32);
  }
}
