package com.switchboard.platform.db;

import java.sql.Types;
import java.util.Locale;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.argument.Argument;
import org.jdbi.v3.core.argument.ArgumentFactory;

/** Stores enums as their lower-case names, the same spelling the API and CHECK constraints use. */
public final class WireEnums {
  private WireEnums() {}

  public static <E extends Enum<E>> void register(Jdbi jdbi, Class<E> type) {
    jdbi.registerArgument(
        (ArgumentFactory)
            (declaredType, value, config) -> {
              if (!(declaredType instanceof Class<?> declared) || !declared.equals(type)) {
                return Optional.empty();
              }
              Argument argument =
                  (position, statement, ctx) -> {
                    if (value == null) {
                      statement.setNull(position, Types.VARCHAR);
                    } else {
                      statement.setString(
                          position, ((Enum<?>) value).name().toLowerCase(Locale.ROOT));
                    }
                  };
              return Optional.of(argument);
            });
    jdbi.registerColumnMapper(
        type,
        (rs, column, ctx) -> {
          String name = rs.getString(column);
          return name == null ? null : Enum.valueOf(type, name.toUpperCase(Locale.ROOT));
        });
  }
}
