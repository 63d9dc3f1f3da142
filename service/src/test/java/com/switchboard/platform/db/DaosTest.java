package com.switchboard.platform.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.switchboard.tenant.TenantDao;
import com.switchboard.tenant.TenantId;
import com.switchboard.testing.TestDatabase;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DaosTest {
  /** Says which connection and transaction its statements ran in. */
  public interface WhereAmI {
    @SqlQuery("SELECT pg_backend_pid()")
    int backend();

    @SqlQuery("SELECT txid_current()")
    long transaction();
  }

  private Jdbi jdbi;

  @BeforeEach
  void createJdbi() {
    jdbi = Jdbi.create(TestDatabase.get().dataSource());
    jdbi.installPlugin(new SqlObjectPlugin());
    ColumnTypes.register(jdbi);
  }

  @Test
  void everyTransactionOfAJdbiGetsTheSameInstanceAndItRunsOnThatTransaction() {
    WhereAmI first = jdbi.inTransaction(h -> Daos.on(h, WhereAmI.class));

    jdbi.useTransaction(
        h -> {
          WhereAmI dao = Daos.on(h, WhereAmI.class);
          assertThat(dao).isSameAs(first).isSameAs(Daos.on(h, WhereAmI.class));
          assertThat(dao.transaction()).isEqualTo(transactionOf(h));
          assertThat(dao.backend()).isEqualTo(backendOf(h));
        });
  }

  @Test
  void twoThreadsUsingTheSharedInstanceAtOnceEachRunOnTheirOwnTransaction() throws Exception {
    CountDownLatch bothInside = new CountDownLatch(2);
    Callable<Void> check =
        () ->
            jdbi.inTransaction(
                h -> {
                  WhereAmI dao = Daos.on(h, WhereAmI.class);
                  bothInside.countDown();
                  assertThat(bothInside.await(30, TimeUnit.SECONDS)).isTrue();
                  for (int i = 0; i < 50; i++) {
                    assertThat(dao.transaction()).isEqualTo(transactionOf(h));
                  }
                  return null;
                });
    ExecutorService threads = Executors.newFixedThreadPool(2);
    try {
      for (Future<Void> done : threads.invokeAll(List.of(check, check))) {
        done.get(60, TimeUnit.SECONDS);
      }
    } finally {
      threads.shutdownNow();
    }
  }

  @Test
  void aHandleOpenedByHandGetsItsOwnAttachedInstance() {
    WhereAmI shared = jdbi.inTransaction(h -> Daos.on(h, WhereAmI.class));

    try (Handle handle = jdbi.open()) {
      WhereAmI own = Daos.on(handle, WhereAmI.class);

      assertThat(own).isNotSameAs(shared).isSameAs(Daos.on(handle, WhereAmI.class));
      assertThat(own.backend()).isEqualTo(backendOf(handle));
    }
  }

  @Test
  void aSharedInstanceKeptPastItsCallbackRefusesToRun() {
    WhereAmI kept = jdbi.inTransaction(h -> Daos.on(h, WhereAmI.class));

    assertThatThrownBy(kept::backend)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("outside the Jdbi callback");
  }

  @Test
  void productDaosWithRegisteredMappersWorkThroughTheSharedInstance() {
    int tenants =
        jdbi.withHandle(h -> h.createQuery("SELECT count(*) FROM tenants").mapTo(int.class).one());

    List<TenantId> ids = jdbi.inTransaction(h -> Daos.on(h, TenantDao.class).allIds());

    assertThat(ids).hasSize(tenants);
  }

  private static long transactionOf(Handle h) {
    return h.createQuery("SELECT txid_current()").mapTo(long.class).one();
  }

  private static int backendOf(Handle h) {
    return h.createQuery("SELECT pg_backend_pid()").mapTo(int.class).one();
  }
}
