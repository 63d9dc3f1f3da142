package com.switchboard.platform.db;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.config.ConfigRegistry;
import org.jdbi.v3.core.config.JdbiConfig;
import org.jdbi.v3.core.extension.ExtensionContext;
import org.jdbi.v3.core.extension.Extensions;
import org.jdbi.v3.core.extension.HandleSupplier;

/**
 * The SQL Objects attached to one handle, each attached once, and with Jdbi's description of each
 * SQL Object type built once per {@link Jdbi} rather than once per handle.
 *
 * <p>Two costs made {@code Handle.attach} the largest consumer of the service's CPU under trigger
 * load. First, Jdbi caches the reflective description of a SQL Object type ({@code
 * ExtensionMetadata}) in the configuration it attaches with, and a handle's configuration is a copy
 * taken when the handle opens: attaching on handles only ever filled caches that were thrown away
 * with the handle. {@link #on} therefore fills the cache of the {@code Jdbi} itself the first time
 * it sees a type, and every handle opened after that copies the finished description. Second, each
 * attach still builds a proxy and a handler per method, so a transaction (one handle here) reuses
 * its DAOs until the handle closes.
 *
 * <p>Per-handle instances live in the handle's own configuration (each copy starts empty), so
 * nothing outlives the handle and no two handles share a proxy. Inside a SQL Object's default
 * method the handle shows that method's configuration instead; a DAO asked for there is simply
 * attached afresh.
 */
public final class Daos implements JdbiConfig<Daos> {
  private final Map<Class<?>, Object> attached = new HashMap<>();
  private final Set<Class<?>> describedOnJdbi = ConcurrentHashMap.newKeySet();

  public Daos() {}

  /** The handle's instance of {@code type}, attached on first use. */
  public static <T> T on(Handle handle, Class<T> type) {
    Map<Class<?>, Object> attached = handle.getConfig(Daos.class).attached;
    Object dao = attached.get(type);
    if (dao == null) {
      describeOnJdbi(handle.getJdbi(), type);
      dao = handle.attach(type);
      attached.put(type, dao);
    }
    return type.cast(dao);
  }

  private static void describeOnJdbi(Jdbi jdbi, Class<?> type) {
    if (jdbi.getConfig(Daos.class).describedOnJdbi.add(type)) {
      // Attaching against the Jdbi's own configuration computes and keeps the type's description
      // there; the proxy made on the way is never called and is dropped.
      jdbi.getConfig(Extensions.class).findFor(type, new JdbiConfigOnly(jdbi));
    }
  }

  @Override
  public Daos createCopy() {
    return new Daos();
  }

  /** Lends a SQL Object factory the Jdbi's configuration; a statement through it is a bug. */
  private record JdbiConfigOnly(Jdbi jdbi) implements HandleSupplier {
    @Override
    public Jdbi getJdbi() {
      return jdbi;
    }

    @Override
    public ConfigRegistry getConfig() {
      return jdbi.getConfig();
    }

    @Override
    public Handle getHandle() {
      throw new IllegalStateException("only for describing SQL Object types, not for running them");
    }

    @Override
    public <V> V invokeInContext(ExtensionContext context, Callable<V> task) {
      throw new IllegalStateException("only for describing SQL Object types, not for running them");
    }
  }
}
