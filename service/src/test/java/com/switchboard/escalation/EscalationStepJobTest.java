package com.switchboard.escalation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.codahale.metrics.MetricRegistry;
import com.switchboard.tenant.TenantId;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.quartz.JobDataMap;
import org.quartz.JobExecutionContext;
import org.quartz.JobExecutionException;

/**
 * A step job that failed on its last retry does not drop its step in silence: it hands the step to
 * the watchdog and says so on the incident. (The watchdog firing it: NoSilentLossTest.)
 */
class EscalationStepJobTest {
  private final UUID tenant = UUID.randomUUID();
  private final UUID incident = UUID.randomUUID();
  private final List<String> handedOver = new ArrayList<>();

  /** An engine whose database is down; it notes what the job reports. */
  private final EscalationEngine failing =
      new EscalationEngine(null, null, null, null, Clock.systemUTC(), new MetricRegistry()) {
        @Override
        public void fireStep(
            TenantId tenantId,
            UUID incidentId,
            UUID escalationId,
            int round,
            int step,
            Instant due) {
          throw new IllegalStateException("database unreachable");
        }

        @Override
        public void stepJobFailed(
            TenantId tenantId,
            UUID incidentId,
            int round,
            int step,
            int tries,
            RuntimeException cause) {
          handedOver.add(
              tenantId.value() + " " + incidentId + " " + round + ":" + step + " x" + tries);
        }
      };

  @Test
  void aStepFailingOnItsLastRetryIsHandedToTheWatchdogAndRecorded() {
    EscalationStepJob job = new EscalationStepJob(failing);

    assertThatThrownBy(() -> job.execute(context(EscalationStepJob.MAX_REFIRES)))
        .isInstanceOfSatisfying(
            JobExecutionException.class, e -> assertThat(e.refireImmediately()).isFalse());
    assertThat(handedOver)
        .containsExactly(tenant + " " + incident + " 0:1 x" + (EscalationStepJob.MAX_REFIRES + 1));
  }

  private JobExecutionContext context(int refireCount) {
    JobDataMap data = new JobDataMap();
    data.put(EscalationJobs.TENANT, tenant.toString());
    data.put(EscalationJobs.INCIDENT, incident.toString());
    data.put(EscalationJobs.ESCALATION, UUID.randomUUID().toString());
    data.put(EscalationJobs.ROUND, "0");
    data.put(EscalationJobs.STEP, "1");
    data.put(EscalationJobs.DUE_AT, Instant.now().toString());
    return (JobExecutionContext)
        Proxy.newProxyInstance(
            getClass().getClassLoader(),
            new Class<?>[] {JobExecutionContext.class},
            (proxy, method, args) ->
                switch (method.getName()) {
                  case "getMergedJobDataMap" -> data;
                  case "getRefireCount" -> refireCount;
                  default -> throw new UnsupportedOperationException(method.getName());
                });
  }
}
