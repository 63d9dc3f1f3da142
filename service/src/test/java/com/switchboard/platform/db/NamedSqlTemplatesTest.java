package com.switchboard.platform.db;

import static org.assertj.core.api.Assertions.assertThat;

import com.switchboard.SwitchboardApplication;
import com.switchboard.testing.TestDatabase;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.sqlobject.customizer.BindList;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.junit.jupiter.api.Test;

class NamedSqlTemplatesTest {
  /** PostgreSQL's current_query() is the text it received, comment and all. */
  public interface Probe {
    @SqlQuery("SELECT current_query()")
    String query();

    @SqlQuery("SELECT current_query() || ' = ' || cardinality(ARRAY[<values>])")
    String counted(@BindList("values") List<Integer> values);
  }

  private final Jdbi jdbi =
      SwitchboardApplication.configureJdbi(Jdbi.create(TestDatabase.get().dataSource()));

  @Test
  void theDatabaseSeesTheDaoMethodInFrontOfItsStatement() {
    String sent = jdbi.withExtension(Probe.class, Probe::query);

    assertThat(sent).isEqualTo("/* Probe.query */ SELECT current_query()");
  }

  @Test
  void aTemplateParsedOnceStillRendersEachCallsOwnListOfValues() {
    String two = jdbi.withExtension(Probe.class, p -> p.counted(List.of(1, 2)));
    String three = jdbi.withExtension(Probe.class, p -> p.counted(List.of(1, 2, 3)));

    assertThat(two).startsWith("/* Probe.counted */ SELECT").endsWith(" = 2");
    assertThat(three).endsWith(" = 3");
  }

  @Test
  void aStatementOutsideADaoIsSentAsWritten() {
    String sent =
        jdbi.withHandle(h -> h.createQuery("SELECT current_query()").mapTo(String.class).one());

    assertThat(sent).isEqualTo("SELECT current_query()");
  }
}
