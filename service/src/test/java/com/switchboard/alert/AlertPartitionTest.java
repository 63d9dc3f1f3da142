package com.switchboard.alert;

import static org.assertj.core.api.Assertions.assertThat;

import com.switchboard.tenant.TenantId;
import com.switchboard.testing.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The intake wakes the thread that the claim's SQL gives the tenant to: both must agree. */
class AlertPartitionTest {
  @Test
  void javaAndTheClaimsSqlPutEveryTenantInTheSamePartition() throws Exception {
    try (Connection c = TestDatabase.get().dataSource().getConnection();
        PreparedStatement partition =
            c.prepareStatement("SELECT get_byte(uuid_send(?::uuid), 15) % ?")) {
      for (int i = 0; i < 200; i++) {
        UUID tenant = UUID.randomUUID();
        int partitions = 1 + i % 7;
        partition.setString(1, tenant.toString());
        partition.setInt(2, partitions);
        try (ResultSet row = partition.executeQuery()) {
          row.next();
          assertThat(AlertProcessor.partitionOf(new TenantId(tenant), partitions))
              .as("%s among %d", tenant, partitions)
              .isEqualTo(row.getInt(1));
        }
      }
    }
  }
}
