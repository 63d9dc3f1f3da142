package com.switchboard.platform.db;

import com.switchboard.auth.Role;
import com.switchboard.tenant.TenantId;
import com.switchboard.user.UserId;
import java.sql.Types;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.argument.AbstractArgumentFactory;
import org.jdbi.v3.core.argument.Argument;
import org.jdbi.v3.core.config.ConfigRegistry;

/** Teaches Jdbi to bind and read the id value types (uuid columns) and roles (text columns). */
public final class ColumnTypes {
  private ColumnTypes() {}

  public static void register(Jdbi jdbi) {
    jdbi.registerArgument(
        new AbstractArgumentFactory<TenantId>(Types.OTHER) {
          @Override
          protected Argument build(TenantId value, ConfigRegistry config) {
            return (position, statement, ctx) -> statement.setObject(position, value.value());
          }
        });
    jdbi.registerArgument(
        new AbstractArgumentFactory<UserId>(Types.OTHER) {
          @Override
          protected Argument build(UserId value, ConfigRegistry config) {
            return (position, statement, ctx) -> statement.setObject(position, value.value());
          }
        });
    WireEnums.register(jdbi, Role.class);
    jdbi.registerColumnMapper(
        TenantId.class,
        (rs, column, ctx) -> {
          UUID id = rs.getObject(column, UUID.class);
          return id == null ? null : new TenantId(id);
        });
    jdbi.registerColumnMapper(
        UserId.class,
        (rs, column, ctx) -> {
          UUID id = rs.getObject(column, UUID.class);
          return id == null ? null : new UserId(id);
        });
  }
}
