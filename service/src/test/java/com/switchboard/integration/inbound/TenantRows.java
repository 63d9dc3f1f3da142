package com.switchboard.integration.inbound;

import com.switchboard.testing.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** Reads rows as text inside a tenant's row-level-security scope. */
final class TenantRows {
  private TenantRows() {}

  static List<List<String>> rows(String tenantId, String sql, Object... parameters) {
    try (Connection connection = TestDatabase.get().dataSource().getConnection()) {
      connection.setAutoCommit(false);
      try (PreparedStatement scope =
          connection.prepareStatement("SELECT set_config('switchboard.tenant_id', ?, true)")) {
        scope.setString(1, tenantId);
        scope.executeQuery().close();
      }
      try (PreparedStatement statement = connection.prepareStatement(sql)) {
        for (int i = 0; i < parameters.length; i++) {
          statement.setObject(i + 1, parameters[i]);
        }
        List<List<String>> rows = new ArrayList<>();
        try (ResultSet result = statement.executeQuery()) {
          int columns = result.getMetaData().getColumnCount();
          while (result.next()) {
            List<String> row = new ArrayList<>();
            for (int c = 1; c <= columns; c++) {
              row.add(result.getString(c));
            }
            rows.add(row);
          }
        }
        return rows;
      }
    } catch (SQLException e) {
      throw new IllegalStateException("could not read test rows", e);
    }
  }
}
