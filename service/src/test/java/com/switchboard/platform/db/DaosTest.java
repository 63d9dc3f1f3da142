package com.switchboard.platform.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.switchboard.audit.AuditDao;
import com.switchboard.team.TeamDao;
import com.switchboard.tenant.TenantDao;
import com.switchboard.testing.TestDatabase;
import java.lang.reflect.Proxy;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.extension.ExtensionFactory;
import org.jdbi.v3.core.extension.Extensions;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DaosTest {
  private Jdbi jdbi;

  @BeforeEach
  void createJdbi() {
    jdbi = Jdbi.create(TestDatabase.get().dataSource());
    jdbi.installPlugin(new SqlObjectPlugin());
    ColumnTypes.register(jdbi);
  }

  @Test
  void aTypeIsDescribedOnTheJdbiTheFirstTimeAHandleAsksForIt() {
    assertThatThrownBy(() -> describedOnJdbi(AuditDao.class))
        .as("a fresh Jdbi has described nothing")
        .hasMessageContaining("describe AuditDao");

    try (Handle handle = jdbi.open()) {
      Daos.on(handle, AuditDao.class);
    }

    assertThat(describedOnJdbi(AuditDao.class)).isNotNull();
    assertThatThrownBy(() -> describedOnJdbi(TeamDao.class))
        .hasMessageContaining("describe TeamDao");
  }

  @Test
  void plainAttachOnAHandleLeavesTheJdbiUndescribed() {
    try (Handle handle = jdbi.open()) {
      handle.attach(AuditDao.class);
    }

    // Why Daos exists: the description built for the handle went away with the handle.
    assertThatThrownBy(() -> describedOnJdbi(AuditDao.class))
        .hasMessageContaining("describe AuditDao");
  }

  @Test
  void aHandleKeepsItsInstanceAndAnotherHandleGetsItsOwn() {
    try (Handle first = jdbi.open();
        Handle second = jdbi.open()) {
      TenantDao onFirst = Daos.on(first, TenantDao.class);

      assertThat(Daos.on(first, TenantDao.class)).isSameAs(onFirst);
      assertThat(Daos.on(second, TenantDao.class)).isNotSameAs(onFirst);
    }
  }

  @Test
  void aDaoAttachedAfterTheDescriptionRunsItsStatementsOnItsHandle() {
    try (Handle handle = jdbi.open()) {
      Daos.on(handle, TenantDao.class);
    }
    try (Handle handle = jdbi.open()) {
      int tenants = handle.createQuery("SELECT count(*) FROM tenants").mapTo(int.class).one();

      assertThat(Daos.on(handle, TenantDao.class).allIds()).hasSize(tenants);
    }
  }

  /** The Jdbi's cached description of {@code type}; throws if it would have to build one. */
  private Object describedOnJdbi(Class<?> type) {
    ExtensionFactory refusing =
        (ExtensionFactory)
            Proxy.newProxyInstance(
                getClass().getClassLoader(),
                new Class<?>[] {ExtensionFactory.class},
                (proxy, method, args) -> {
                  throw new IllegalStateException(
                      "asked to describe " + type.getSimpleName() + " (" + method.getName() + ")");
                });
    return jdbi.getConfig(Extensions.class).findMetadata(type, refusing);
  }
}
