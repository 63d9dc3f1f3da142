package com.switchboard.platform.db;

import java.util.HashMap;
import java.util.Map;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.config.JdbiConfig;

/**
 * The SQL Objects attached to one handle, each attached once. Jdbi's {@code Handle.attach} builds a
 * proxy with a handler and a configuration copy for every method of the interface, on every call;
 * for a DAO of twenty methods that costs more CPU than the statement it is attached to run. A
 * transaction here lives on one handle, so its DAOs are attached the first time they are asked for
 * and reused until the handle closes.
 *
 * <p>Kept in the handle's own configuration (Jdbi gives each handle a copy, and {@link
 * #createCopy()} starts every copy empty), so nothing outlives the handle and no two handles share
 * a proxy. Inside a SQL Object's default method the handle shows that method's configuration
 * instead; a DAO asked for there is simply attached afresh.
 */
public final class Daos implements JdbiConfig<Daos> {
  private final Map<Class<?>, Object> attached = new HashMap<>();

  public Daos() {}

  /** The handle's instance of {@code type}, attached on first use. */
  public static <T> T on(Handle handle, Class<T> type) {
    Map<Class<?>, Object> attached = handle.getConfig(Daos.class).attached;
    Object dao = attached.get(type);
    if (dao == null) {
      dao = handle.attach(type);
      attached.put(type, dao);
    }
    return type.cast(dao);
  }

  @Override
  public Daos createCopy() {
    return new Daos();
  }
}
