package com.switchboard.alert;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.switchboard.audit.AuditLog;
import com.switchboard.incident.IncidentChange;
import com.switchboard.incident.IncidentService;
import com.switchboard.platform.db.Daos;
import com.switchboard.platform.db.TenantDatabase;
import com.switchboard.platform.jobs.JobScheduler;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.quartz.Job;

/**
 * The alert core (issue 12): the batching intake integrations hand events to, the processor that
 * turns them into alerts and incidents, auto-resolve, and the incident page's alert list.
 */
public final class AlertWiring {
  private final BatchingAlertIntake intake;
  private final AlertProcessorLoop processorLoop;
  private final AlertAutoResolver autoResolver;
  private final AlertEventRetention retention;
  private final AlertResource resource;
  private final AlertGroupingResource groupingResource;

  public AlertWiring(
      TenantDatabase db,
      IncidentService incidents,
      JobScheduler scheduler,
      Map<Class<? extends Job>, Supplier<? extends Job>> jobs,
      ObjectMapper json,
      AuditLog audit,
      Clock clock,
      AlertSettings settings) {
    intake = new BatchingAlertIntake(db, json, clock, settings);
    List<AlertProcessor> processors = new ArrayList<>();
    for (int i = 0; i < settings.processorThreads; i++) {
      processors.add(
          new AlertProcessor(db, incidents, json, clock, settings, settings.processorThreads, i));
    }
    processorLoop = new AlertProcessorLoop(processors, settings.pollInterval.toJavaDuration());
    intake.onCommit(processorLoop::wake);
    // An incident a person acknowledges or resolves takes its alerts with it.
    incidents.observe(
        (h, tenant, incident, change) -> {
          if (change.kind() == IncidentChange.Kind.RESOLVED) {
            Daos.on(h, AlertDao.class).resolveOfIncident(tenant, incident.id(), change.at());
          } else if (change.kind() == IncidentChange.Kind.ACKNOWLEDGED) {
            Daos.on(h, AlertDao.class).acknowledgeOfIncident(tenant, incident.id());
          }
        });
    autoResolver =
        new AlertAutoResolver(db, incidents, clock, settings.autoResolveAfter.toJavaDuration());
    jobs.put(
        AlertAutoResolver.AutoResolveJob.class,
        () -> new AlertAutoResolver.AutoResolveJob(autoResolver));
    AlertAutoResolver.register(scheduler, settings.autoResolveInterval.toJavaDuration());
    retention = new AlertEventRetention(db, clock, settings.eventRetention.toJavaDuration());
    jobs.put(
        AlertEventRetention.RetentionJob.class,
        () -> new AlertEventRetention.RetentionJob(retention));
    AlertEventRetention.register(scheduler, settings.eventRetentionInterval.toJavaDuration());
    resource = new AlertResource(new AlertReads(db, incidents, json));
    groupingResource = new AlertGroupingResource(new AlertGrouping(db, audit, clock, settings));
  }

  public AlertIntake intake() {
    return intake;
  }

  public AlertProcessorLoop processorLoop() {
    return processorLoop;
  }

  public AlertAutoResolver autoResolver() {
    return autoResolver;
  }

  public AlertEventRetention retention() {
    return retention;
  }

  /** Managed in this order: the processor starts before the intake and stops after it. */
  public List<io.dropwizard.lifecycle.Managed> managed() {
    return List.of(processorLoop, intake);
  }

  public List<Object> resources() {
    return List.of(resource, groupingResource);
  }
}
