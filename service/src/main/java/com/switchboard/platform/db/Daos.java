package com.switchboard.platform.db;

import java.util.HashMap;
import java.util.Map;
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
 * The service's way to get a SQL Object for a handle: {@code Daos.on(handle, IncidentDao.class)}.
 *
 * <p>Jdbi's {@code Handle.attach} was the largest consumer of the service's CPU under trigger load.
 * Each attach builds a proxy and, for every method of the interface, a handler that looks up its
 * argument binders, mappers and configuration; and it caches the type's reflective description in
 * the handle's own copy of the configuration, which goes away with the handle. A transaction here
 * uses a dozen DAOs of 5-30 methods each, once or twice each.
 *
 * <p>So each {@link Jdbi} attaches each type once, for good, with a {@link HandleSupplier} that
 * answers every call with the handle of the Jdbi callback running on the calling thread (Jdbi's
 * {@code HandleScope}: {@code inTransaction} and {@code withHandle} put their handle there while
 * the callback runs). {@link #on} hands out that shared instance when the handle it is given is
 * that callback's handle, which is how every transaction of {@link TenantDatabase} runs; for any
 * other handle (one opened by hand, or inside a SQL Object's own default method) it falls back to
 * attaching to that handle, once per handle, with the type's description taken from the Jdbi.
 *
 * <p>A shared instance runs each statement on the handle of whichever callback is running when the
 * method is called, so a DAO must not be kept past the callback it was obtained in (nothing here
 * does: DAOs live in local variables of the callback).
 */
public final class Daos implements JdbiConfig<Daos> {
  private final Map<Class<?>, Object> attachedToHandle = new HashMap<>();
  private final Map<Class<?>, Object> sharedOnJdbi = new ConcurrentHashMap<>();

  public Daos() {}

  /** The instance of {@code type} that runs its statements on {@code handle}. */
  public static <T> T on(Handle handle, Class<T> type) {
    Jdbi jdbi = handle.getJdbi();
    // Made even when not handed out: making it leaves the type's description on the Jdbi, where
    // every handle opened from now on finds it.
    Object shared =
        jdbi.getConfig(Daos.class)
            .sharedOnJdbi
            .computeIfAbsent(
                type,
                t ->
                    jdbi.getConfig(Extensions.class)
                        .findFor(t, new RunningCallbackHandle(jdbi))
                        .orElseThrow(() -> new IllegalArgumentException("not a SQL Object: " + t)));
    HandleSupplier running = jdbi.getHandleScope().get();
    if (running != null && running.getHandle() == handle) {
      return type.cast(shared);
    }
    Map<Class<?>, Object> attached = handle.getConfig(Daos.class).attachedToHandle;
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

  /**
   * Gives a shared SQL Object the Jdbi's configuration to be built with, and at each call the
   * handle of the callback running on the calling thread, entered the way Jdbi enters a handle for
   * an attached SQL Object (the method's configuration pushed for the duration of the call).
   */
  private record RunningCallbackHandle(Jdbi jdbi) implements HandleSupplier {
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
      return running().getHandle();
    }

    @Override
    public <V> V invokeInContext(ExtensionContext context, Callable<V> task) throws Exception {
      return running().invokeInContext(context, task);
    }

    private HandleSupplier running() {
      HandleSupplier running = jdbi.getHandleScope().get();
      if (running == null) {
        throw new IllegalStateException(
            "a DAO from Daos.on was called outside the Jdbi callback it was obtained in");
      }
      return running;
    }
  }
}
