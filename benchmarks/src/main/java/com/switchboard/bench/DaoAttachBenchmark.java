package com.switchboard.bench;

import com.switchboard.audit.AuditDao;
import com.switchboard.escalation.EscalationPolicyDao;
import com.switchboard.incident.IncidentDao;
import com.switchboard.notify.NotificationDao;
import com.switchboard.platform.db.ColumnTypes;
import com.switchboard.platform.db.Daos;
import com.switchboard.team.ServiceDao;
import com.switchboard.user.UserDao;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * What it costs a transaction to get its SQL Objects, without running any statement: open a handle
 * and get the six DAOs a trigger and its first step use.
 *
 * <ul>
 *   <li>{@code plainAttach}: {@code Handle.attach} for each inside {@code Jdbi.useHandle}, Jdbi's
 *       own way (and the service's before {@link Daos}).
 *   <li>{@code daosOnAHandleOpenedByHand}: {@link Daos#on} on a handle from {@code Jdbi.open()},
 *       its fallback: attached to the handle, the types' descriptions taken from the Jdbi.
 *   <li>{@code daosOn}: {@link Daos#on} inside {@code Jdbi.useHandle}, the way every transaction of
 *       the service runs: the instances attached once on the Jdbi.
 * </ul>
 *
 * <p>The handle's connection is a do-nothing JDBC proxy, so the numbers hold Jdbi's work only, not
 * PostgreSQL's or the pool's. Run with {@code java -jar benchmarks/target/benchmarks.jar
 * DaoAttachBenchmark}; see docs/performance.md.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class DaoAttachBenchmark {
  private static final List<Class<?>> TRIGGER_DAOS =
      List.of(
          IncidentDao.class,
          ServiceDao.class,
          EscalationPolicyDao.class,
          UserDao.class,
          NotificationDao.class,
          AuditDao.class);

  private Jdbi jdbi;

  @Setup
  public void createJdbi() {
    jdbi = Jdbi.create(DaoAttachBenchmark::idleConnection);
    jdbi.installPlugin(new SqlObjectPlugin());
    ColumnTypes.register(jdbi);
  }

  @Benchmark
  public void plainAttach(Blackhole sink) {
    jdbi.useHandle(
        handle -> {
          for (Class<?> type : TRIGGER_DAOS) {
            sink.consume(handle.attach(type));
          }
        });
  }

  @Benchmark
  public void daosOnAHandleOpenedByHand(Blackhole sink) {
    try (Handle handle = jdbi.open()) {
      for (Class<?> type : TRIGGER_DAOS) {
        sink.consume(Daos.on(handle, type));
      }
    }
  }

  @Benchmark
  public void daosOn(Blackhole sink) {
    jdbi.useHandle(
        handle -> {
          for (Class<?> type : TRIGGER_DAOS) {
            sink.consume(Daos.on(handle, type));
          }
        });
  }

  /** A connection that answers every call with nothing: auto-commit on, no statements run. */
  private static Connection idleConnection() {
    return (Connection)
        Proxy.newProxyInstance(
            DaoAttachBenchmark.class.getClassLoader(),
            new Class<?>[] {Connection.class},
            (proxy, method, args) -> {
              Class<?> returns = method.getReturnType();
              if (returns == boolean.class) {
                return method.getName().equals("getAutoCommit");
              }
              if (returns == int.class) {
                return 0;
              }
              return null;
            });
  }
}
