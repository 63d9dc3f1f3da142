package com.switchboard.platform.jobs;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.util.Set;

/**
 * The connection of the transaction running on this thread, if any. {@code TenantDatabase} binds it
 * for the length of each transaction so that Quartz's job store writes its triggers in that same
 * transaction: scheduling the next escalation step commits or rolls back with the decision that
 * made it.
 */
public final class BoundConnection {
  private static final ThreadLocal<Connection> CURRENT = new ThreadLocal<>();
  private static final Set<String> TRANSACTION_CONTROL =
      Set.of("close", "commit", "rollback", "setAutoCommit", "setTransactionIsolation");

  private BoundConnection() {}

  /** Binds a connection until the returned scope is closed; scopes nest. */
  public static Scope bind(Connection connection) {
    Connection previous = CURRENT.get();
    CURRENT.set(connection);
    return () -> {
      if (previous == null) {
        CURRENT.remove();
      } else {
        CURRENT.set(previous);
      }
    };
  }

  /**
   * The bound connection wrapped so that the borrower cannot end the transaction: close, commit,
   * rollback and changes of auto-commit or isolation do nothing. Null when nothing is bound.
   */
  static Connection borrow() {
    Connection connection = CURRENT.get();
    if (connection == null) {
      return null;
    }
    InvocationHandler handler =
        (proxy, method, args) -> {
          if (TRANSACTION_CONTROL.contains(method.getName())) {
            return null;
          }
          if (method.getName().equals("isClosed")) {
            return connection.isClosed();
          }
          try {
            return method.invoke(connection, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        };
    return (Connection)
        Proxy.newProxyInstance(
            BoundConnection.class.getClassLoader(), new Class<?>[] {Connection.class}, handler);
  }

  /** Ends a binding. */
  @FunctionalInterface
  public interface Scope extends AutoCloseable {
    @Override
    void close();
  }
}
