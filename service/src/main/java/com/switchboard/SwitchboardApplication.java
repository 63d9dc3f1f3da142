package com.switchboard;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.switchboard.account.AccountRecovery;
import com.switchboard.account.PasswordChange;
import com.switchboard.account.PasswordResetResource;
import com.switchboard.account.PasswordResource;
import com.switchboard.account.SignInNameReminderResource;
import com.switchboard.alert.AlertIntake;
import com.switchboard.alert.AlertWiring;
import com.switchboard.audit.AuditLog;
import com.switchboard.audit.AuditResource;
import com.switchboard.auth.ApiKeyAuthFilter;
import com.switchboard.auth.ApiKeyResource;
import com.switchboard.auth.ApiKeyService;
import com.switchboard.auth.Caller;
import com.switchboard.auth.Credentials;
import com.switchboard.auth.DeviceCookies;
import com.switchboard.auth.ExpiredSessionPurge;
import com.switchboard.auth.JsonUnauthorizedHandler;
import com.switchboard.auth.LoginThrottle;
import com.switchboard.auth.PasswordHasher;
import com.switchboard.auth.SessionCookieAuthFilter;
import com.switchboard.auth.SessionCookies;
import com.switchboard.auth.SessionResource;
import com.switchboard.auth.SessionService;
import com.switchboard.contact.ContactResource;
import com.switchboard.contact.ContactService;
import com.switchboard.contact.NotificationRuleResource;
import com.switchboard.escalation.Escalation;
import com.switchboard.escalation.EscalationEngine;
import com.switchboard.escalation.EscalationJobs;
import com.switchboard.escalation.EscalationPolicy;
import com.switchboard.escalation.EscalationPolicyResource;
import com.switchboard.escalation.EscalationPolicyService;
import com.switchboard.escalation.EscalationStepJob;
import com.switchboard.escalation.EscalationWatchdog;
import com.switchboard.escalation.NotificationRuleJob;
import com.switchboard.escalation.PagingWindowsResource;
import com.switchboard.escalation.PagingWindowsService;
import com.switchboard.escalation.PolicyPreview;
import com.switchboard.escalation.PolicyPreviewResource;
import com.switchboard.escalation.PolicyReach;
import com.switchboard.incident.IncidentResource;
import com.switchboard.incident.IncidentService;
import com.switchboard.incident.IncidentStatus;
import com.switchboard.incident.StatusBoard;
import com.switchboard.incident.StatusBoardResource;
import com.switchboard.incident.StatusUpdates;
import com.switchboard.integration.IntegrationSettings;
import com.switchboard.integration.helpdesk.HelpdeskResource;
import com.switchboard.integration.helpdesk.HelpdeskService;
import com.switchboard.integration.inbound.AlertIntegrationResource;
import com.switchboard.integration.inbound.AlertIntegrationService;
import com.switchboard.integration.inbound.AlertSettingsResource;
import com.switchboard.integration.inbound.EnqueuePath;
import com.switchboard.integration.inbound.HeartbeatAndEmailSettings;
import com.switchboard.integration.inbound.HeartbeatMonitors;
import com.switchboard.integration.inbound.HeartbeatResource;
import com.switchboard.integration.inbound.InboundEmail;
import com.switchboard.integration.inbound.InboundEmailBodyLimit;
import com.switchboard.integration.inbound.InboundEmailResource;
import com.switchboard.integration.inbound.InboundEvents;
import com.switchboard.integration.inbound.InboundEventsResource;
import com.switchboard.integration.outbound.IncidentWebhooks;
import com.switchboard.integration.outbound.OutboundWebhooks;
import com.switchboard.integration.outbound.RetrySchedule;
import com.switchboard.integration.outbound.SlaWebhooks;
import com.switchboard.integration.outbound.TicketWebhooks;
import com.switchboard.integration.outbound.WebhookResource;
import com.switchboard.integration.outbound.WebhookSender;
import com.switchboard.integration.outbound.WebhookService;
import com.switchboard.integration.outbound.WebhookTargets;
import com.switchboard.metrics.LockFreeTimers;
import com.switchboard.metrics.ProductMetrics;
import com.switchboard.notify.ActionLinks;
import com.switchboard.notify.Channel;
import com.switchboard.notify.DeliverySweeper;
import com.switchboard.notify.DirectMessenger;
import com.switchboard.notify.MessageComposer;
import com.switchboard.notify.MessageProvider;
import com.switchboard.notify.Notices;
import com.switchboard.notify.Notification;
import com.switchboard.notify.NotificationDispatcher;
import com.switchboard.notify.NotifySettings;
import com.switchboard.notify.ProviderRegistry;
import com.switchboard.notify.SmsFlushJob;
import com.switchboard.notify.outbox.OutboxProvider;
import com.switchboard.notify.outbox.OutboxResource;
import com.switchboard.notify.sendgrid.SendGridEmailProvider;
import com.switchboard.notify.sms.SmsRateLimit;
import com.switchboard.notify.twilio.TwilioSignatures;
import com.switchboard.notify.twilio.TwilioSmsProvider;
import com.switchboard.notify.twilio.TwilioVoiceProvider;
import com.switchboard.notify.twilio.TwilioWebhookResource;
import com.switchboard.paging.Urgency;
import com.switchboard.platform.config.ClasspathOrFileSourceProvider;
import com.switchboard.platform.db.ColumnTypes;
import com.switchboard.platform.db.DatabaseHealthCheck;
import com.switchboard.platform.db.DatabaseLocation;
import com.switchboard.platform.db.EmbeddedPostgresServer;
import com.switchboard.platform.db.MigrationsHealthCheck;
import com.switchboard.platform.db.Migrator;
import com.switchboard.platform.db.NamedSqlTemplates;
import com.switchboard.platform.db.SigningKeys;
import com.switchboard.platform.db.TenantDatabase;
import com.switchboard.platform.db.WireEnums;
import com.switchboard.platform.errors.ApiExceptionMapper;
import com.switchboard.platform.errors.JsonErrorHandler;
import com.switchboard.platform.errors.ViolationExceptionMapper;
import com.switchboard.platform.faults.FaultSwitch;
import com.switchboard.platform.http.BodyLimitFilter;
import com.switchboard.platform.http.ClientAddressFilter;
import com.switchboard.platform.http.LoadBalancerHealthServlet;
import com.switchboard.platform.http.SinglePageAppFilter;
import com.switchboard.platform.idempotency.IdempotencyFilter;
import com.switchboard.platform.idempotency.IdempotencyKeys;
import com.switchboard.platform.jobs.JobScheduler;
import com.switchboard.platform.jobs.JobSettings;
import com.switchboard.platform.jobs.SchedulerHealthCheck;
import com.switchboard.platform.limits.RateLimiter;
import com.switchboard.platform.openapi.OpenApiResource;
import com.switchboard.report.Metrics;
import com.switchboard.report.MetricsResource;
import com.switchboard.respond.EmailActionResource;
import com.switchboard.respond.SmsReplyHandler;
import com.switchboard.respond.VoiceKeypad;
import com.switchboard.schedule.CalendarFeedResource;
import com.switchboard.schedule.CalendarFeedService;
import com.switchboard.schedule.CalendarResource;
import com.switchboard.schedule.OnCallResource;
import com.switchboard.schedule.OnCallService;
import com.switchboard.schedule.ScheduleResource;
import com.switchboard.schedule.ScheduleService;
import com.switchboard.schedule.ShiftCalculator;
import com.switchboard.sla.QuartzSlaClocks;
import com.switchboard.sla.SlaAlarms;
import com.switchboard.sla.SlaClocks;
import com.switchboard.sla.SlaPolicyResource;
import com.switchboard.sla.SlaPolicyService;
import com.switchboard.sla.SlaTimerJob;
import com.switchboard.sla.SlaTimers;
import com.switchboard.team.ServiceResource;
import com.switchboard.team.TeamKind;
import com.switchboard.team.TeamResource;
import com.switchboard.team.TeamService;
import com.switchboard.tenant.DemoTenantLoader;
import com.switchboard.tenant.SignupLimits;
import com.switchboard.tenant.SignupResource;
import com.switchboard.tenant.SignupService;
import com.switchboard.ticket.DemoSupportLoader;
import com.switchboard.ticket.SupportWiring;
import com.switchboard.ticket.TicketPriority;
import com.switchboard.ticket.TicketStatus;
import com.switchboard.ticket.similar.GroupEscalation;
import com.switchboard.ticket.similar.SimilarTickets;
import com.switchboard.ticket.similar.SimilarTicketsResource;
import com.switchboard.ticket.similar.SupportSettingsResource;
import com.switchboard.ticket.similar.SupportSettingsService;
import com.switchboard.ticket.similar.SurgeAlerts;
import com.switchboard.ticket.similar.TicketGroupResource;
import com.switchboard.user.InvitationAcceptResource;
import com.switchboard.user.InvitationResource;
import com.switchboard.user.InvitationService;
import com.switchboard.user.UserResource;
import com.switchboard.user.UserService;
import io.dropwizard.assets.AssetsBundle;
import io.dropwizard.auth.AuthDynamicFeature;
import io.dropwizard.auth.AuthFilter;
import io.dropwizard.auth.AuthValueFactoryProvider;
import io.dropwizard.auth.Authorizer;
import io.dropwizard.auth.chained.ChainedAuthFilter;
import io.dropwizard.configuration.EnvironmentVariableSubstitutor;
import io.dropwizard.configuration.SubstitutingSourceProvider;
import io.dropwizard.core.Application;
import io.dropwizard.core.server.DefaultServerFactory;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.db.DataSourceFactory;
import io.dropwizard.db.ManagedDataSource;
import io.dropwizard.jdbi3.JdbiFactory;
import io.dropwizard.migrations.MigrationsBundle;
import io.prometheus.metrics.exporter.servlet.jakarta.PrometheusMetricsServlet;
import io.prometheus.metrics.instrumentation.dropwizard.DropwizardExports;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterRegistration;
import java.time.Clock;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.glassfish.jersey.media.multipart.MultiPartFeature;
import org.glassfish.jersey.server.ServerProperties;
import org.glassfish.jersey.server.filter.RolesAllowedDynamicFeature;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.SqlStatements;
import org.jdbi.v3.postgres.PostgresPlugin;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;
import org.quartz.Job;

/**
 * Switchboard's entry point and its one wiring place: every DAO, service and resource is built here
 * with {@code new} and registered from a flat list.
 */
public class SwitchboardApplication extends Application<SwitchboardConfiguration> {
  /** What the jar runs when started with no arguments. */
  public static final String DEFAULT_CONFIG =
      ClasspathOrFileSourceProvider.PREFIX + "switchboard.yml";

  private final Clock clock;
  private JobScheduler scheduler;
  private QuartzSlaClocks slaClocks;
  private OutboundWebhooks outboundWebhooks;
  private AlertWiring alerts;
  private AlertIntake alertIntake;
  private LongSupplier requestNanoTime = System::nanoTime;
  private IncidentService incidentService;

  public SwitchboardApplication() {
    this(Clock.systemUTC());
  }

  /** Tests pass a clock they can move, so escalation and schedule logic runs at any instant. */
  public SwitchboardApplication(Clock clock) {
    this.clock = clock;
  }

  /**
   * Sends inbound integrations' events to {@code intake} instead of the application's own; for
   * tests that check what the integrations parsed. Call before the application runs.
   */
  public SwitchboardApplication withAlertIntake(AlertIntake intake) {
    this.alertIntake = intake;
    return this;
  }

  /**
   * The nanosecond clock that a request's age is read on, against the instant Jetty began it
   * ({@link System#nanoTime} by default); for tests that make a request old without waiting.
   */
  public SwitchboardApplication withRequestNanoTime(LongSupplier nanoTime) {
    this.requestNanoTime = nanoTime;
    return this;
  }

  public static void main(String[] args) throws Exception {
    new SwitchboardApplication()
        .run(args.length == 0 ? new String[] {"server", DEFAULT_CONFIG} : args);
  }

  @Override
  public String getName() {
    return "switchboard";
  }

  @Override
  public void initialize(Bootstrap<SwitchboardConfiguration> bootstrap) {
    bootstrap.setMetricRegistry(new LockFreeTimers());
    bootstrap.setConfigurationSourceProvider(
        new SubstitutingSourceProvider(
            new ClasspathOrFileSourceProvider(), new EnvironmentVariableSubstitutor(false)));
    bootstrap.addBundle(new AssetsBundle("/web-ui", "/", "index.html", "web-ui"));
    bootstrap.addBundle(
        new MigrationsBundle<>() {
          @Override
          public DataSourceFactory getDataSourceFactory(SwitchboardConfiguration config) {
            DatabaseLocation.resolve(config);
            return config.getDataSourceFactory();
          }

          @Override
          public String getMigrationsFileName() {
            return Migrator.CHANGELOG;
          }
        });
  }

  /** Strict JSON: a number is not a string, a string is not a number, unknown fields fail. */
  static void configureJson(ObjectMapper mapper) {
    mapper.disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    mapper.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    mapper.enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
    mapper.enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS);
    mapper.disable(MapperFeature.ALLOW_COERCION_OF_SCALARS);
    mapper.disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
    for (CoercionInputShape shape :
        List.of(CoercionInputShape.Integer, CoercionInputShape.Float, CoercionInputShape.Boolean)) {
      mapper.coercionConfigFor(LogicalType.Textual).setCoercion(shape, CoercionAction.Fail);
    }
  }

  @Override
  public void run(SwitchboardConfiguration config, Environment environment) {
    // Strict for API bodies only: the configuration was parsed leniently before run(), so
    // overrides such as -Ddw.demo=true still coerce from strings.
    configureJson(environment.getObjectMapper());
    FaultSwitch.announce();
    ((DefaultServerFactory) config.getServerFactory()).setRegisterDefaultExceptionMappers(false);
    environment.jersey().setUrlPattern("/api/*");

    EmbeddedPostgresServer embedded = DatabaseLocation.resolve(config);
    if (embedded != null) {
      environment.lifecycle().manage(embedded);
    }
    Jdbi jdbi = jdbi(environment, config.getDataSourceFactory(), "postgresql");
    // Its own small pool, closed when the service stops: left open, every start in one JVM (the
    // test suite's) kept ten idle connections until PostgreSQL refused new ones.
    ManagedDataSource migrationsPool =
        DatabaseLocation.sizedCopy(config.getDataSourceFactory(), 2)
            .build(environment.metrics(), "migrations");
    environment.lifecycle().manage(migrationsPool);
    Migrator migrator = new Migrator(migrationsPool);
    if (config.isMigrateOnStart()) {
      migrator.migrate();
    }
    TenantDatabase db = new TenantDatabase(jdbi);

    SwitchboardConfiguration.AuthSettings authSettings = config.getAuth();
    PasswordHasher passwords = new PasswordHasher(authSettings.bcryptCost);
    // Abuse limits: counted in PostgreSQL, so every node enforces the same ones.
    RateLimiter limiter = new RateLimiter(SigningKeys.load(jdbi, "rate-limit-keys"), clock);
    LoginThrottle throttle =
        new LoginThrottle(
            db,
            limiter,
            authSettings.failedLoginsPerClient,
            authSettings.failedLoginsPerAccount,
            authSettings.failedLoginsPerAddress,
            authSettings.failedLoginWindow.toJavaDuration());
    DeviceCookies devices =
        new DeviceCookies(
            SigningKeys.load(jdbi, "device-cookies"),
            clock,
            authSettings.deviceCookieLifetime.toJavaDuration());
    AuditLog audit = new AuditLog(clock);
    SessionService sessions =
        new SessionService(
            db,
            passwords,
            throttle,
            devices,
            audit,
            clock,
            authSettings.sessionLifetime.toJavaDuration());
    SessionCookies cookies =
        new SessionCookies(config.getPublicUrl().startsWith("https://"), clock);
    ApiKeyService apiKeys = new ApiKeyService(db, audit, clock);
    SignupService signups =
        new SignupService(
            db,
            passwords,
            sessions,
            audit,
            limiter,
            new SignupLimits(
                authSettings.signupsPerAddress,
                authSettings.signupsPerEmail,
                authSettings.signupWindow.toJavaDuration()),
            clock);
    UserService users = new UserService(db, audit, clock);
    InvitationService invitations =
        new InvitationService(db, passwords, sessions, audit, clock, config.getPublicUrl());
    TeamService teams = new TeamService(db, audit, clock);
    ScheduleService schedules = new ScheduleService(db, audit, clock);
    OnCallService onCall = new OnCallService(db, new ShiftCalculator(), clock);
    CalendarFeedService calendarFeeds =
        new CalendarFeedService(db, onCall, audit, clock, config.getPublicUrl());
    EscalationPolicyService policies = new EscalationPolicyService(db, audit, clock);
    PagingWindowsService pagingWindows = new PagingWindowsService(db, audit, clock);

    // Paging: providers, the dispatcher, the Quartz scheduler and the engine.
    NotifySettings notify = config.getNotify();
    OutboxProvider outbox = new OutboxProvider(db, clock);
    ProviderRegistry providers = providers(notify, outbox);
    ActionLinks links =
        new ActionLinks(SigningKeys.load(jdbi, "email-action-links"), config.getPublicUrl());
    ExecutorService sendPool =
        environment
            .lifecycle()
            .executorService("notify-%d")
            .minThreads(notify.dispatcherThreads)
            .maxThreads(notify.dispatcherThreads)
            .build();
    JobSettings jobSettings = config.getJobs();
    ManagedDataSource quartzPool =
        DatabaseLocation.sizedCopy(config.getDataSourceFactory(), jobSettings.databaseConnections)
            .build(environment.metrics(), "quartz");
    environment.lifecycle().manage(quartzPool);
    Map<Class<? extends Job>, Supplier<? extends Job>> jobs = new HashMap<>();
    scheduler = new JobScheduler(jobSettings, quartzPool, jobs);
    // Sending has a pool of its own: under intake load the request threads queue for the main
    // pool, and pages already decided must not queue behind them.
    TenantDatabase sendDb =
        new TenantDatabase(
            jdbi(
                environment,
                DatabaseLocation.sizedCopy(
                    config.getDataSourceFactory(), notify.databaseConnections),
                "notify"));
    NotificationDispatcher dispatcher =
        new NotificationDispatcher(
            sendDb,
            providers,
            new MessageComposer(links, config.getPublicUrl()),
            new NotificationDispatcher.RetryPolicy(
                notify.attempts, notify.firstBackoff.toJavaDuration()),
            notify.staleClaim.toJavaDuration(),
            notify.maxClaims,
            sendPool,
            new SmsRateLimit(
                notify.smsMinInterval.toJavaDuration(),
                notify.smsBurst,
                notify.smsBurstWindow.toJavaDuration()),
            scheduler,
            clock,
            environment.metrics());
    EscalationEngine engine =
        new EscalationEngine(
            db, onCall, new EscalationJobs(scheduler), dispatcher, clock, environment.metrics());
    DeliverySweeper sweeper =
        new DeliverySweeper(
            db,
            dispatcher,
            jobSettings.sweepAfter.toJavaDuration(),
            notify.staleClaim.toJavaDuration(),
            clock);
    jobs.put(EscalationStepJob.class, () -> new EscalationStepJob(engine));
    jobs.put(NotificationRuleJob.class, () -> new NotificationRuleJob(dispatcher));
    jobs.put(SmsFlushJob.class, () -> new SmsFlushJob(dispatcher));
    jobs.put(DeliverySweeper.SweepJob.class, () -> new DeliverySweeper.SweepJob(sweeper));
    DeliverySweeper.register(scheduler, jobSettings.sweepInterval.toJavaDuration());
    EscalationWatchdog watchdog = new EscalationWatchdog(db, engine, clock);
    jobs.put(EscalationWatchdog.CheckJob.class, () -> new EscalationWatchdog.CheckJob(watchdog));
    EscalationWatchdog.register(scheduler, jobSettings.watchdogInterval.toJavaDuration());
    ExpiredSessionPurge sessionPurge = new ExpiredSessionPurge(db, clock);
    jobs.put(
        ExpiredSessionPurge.PurgeJob.class, () -> new ExpiredSessionPurge.PurgeJob(sessionPurge));
    ExpiredSessionPurge.register(scheduler, jobSettings.sessionPurgeInterval.toJavaDuration());
    environment.lifecycle().manage(scheduler);

    IncidentService incidents = new IncidentService(db, engine, audit, clock);
    ContactService contacts =
        new ContactService(
            db, new DirectMessenger(providers), audit, limiter, config.getVerification(), clock);
    SmsReplyHandler smsReplies = new SmsReplyHandler(db, incidents, clock);
    TwilioSignatures twilioSignatures =
        notify.twilio.isConfigured() ? new TwilioSignatures(notify.twilio.authToken) : null;

    // Support cases, built on incidents (decision 0006); SLA clocks (issue 10) are their seam.
    slaClocks = new QuartzSlaClocks(new SlaTimers(scheduler));
    SupportWiring support =
        new SupportWiring(db, incidents, slaClocks, audit, clock, config.getPublicUrl());
    support.resources().forEach(environment.jersey()::register);

    // Notices (issue 10): messages that are not pages, sent after commit and swept when they fail.
    Notices notices =
        new Notices(db, providers, sendPool, notify.staleClaim.toJavaDuration(), clock);
    jobs.put(Notices.SweepJob.class, () -> new Notices.SweepJob(notices));
    Notices.register(scheduler, jobSettings.sweepInterval.toJavaDuration());

    // Similar tickets, surge alerts and the status board (issue 10, "customers as a signal").
    SupportSettingsService supportSettings = new SupportSettingsService(db, audit, clock);
    SimilarTickets similarTickets =
        new SimilarTickets(
            db, new SurgeAlerts(notices, new PolicyReach(onCall), audit, clock), clock);
    support
        .tickets()
        .onCreation(
            (h, tenant, ticket) ->
                similarTickets.onTicketCreated(
                    h,
                    tenant,
                    ticket.id(),
                    ticket.subject(),
                    ticket.description(),
                    ticket.serviceId(),
                    ticket.createdAt()));
    support.links().similarServices(similarTickets);
    environment.jersey().register(new SupportSettingsResource(supportSettings));
    environment
        .jersey()
        .register(
            new TicketGroupResource(
                similarTickets, new GroupEscalation(db, similarTickets, support.links(), audit)));
    environment.jersey().register(new SimilarTicketsResource(similarTickets));
    environment.jersey().register(new StatusBoardResource(new StatusBoard(db, clock)));

    // SLA clocks (issue 10): policies, clocks as Quartz timers, warnings by notice, breach pages.
    SlaAlarms slaAlarms =
        new SlaAlarms(db, slaClocks, incidents, notices, new PolicyReach(onCall), clock);
    jobs.put(SlaTimerJob.class, () -> new SlaTimerJob(slaAlarms));
    SlaPolicyService slaPolicies = new SlaPolicyService(db, slaClocks, audit, clock);
    environment.jersey().register(new SlaPolicyResource(slaPolicies));
    environment.jersey().register(new MetricsResource(new Metrics(db), clock));
    // Integrations (issue 10): outbound webhooks (sent after commit, retried by a clustered job),
    // ticket changes published to them, and inbound helpdesk webhooks.
    IntegrationSettings integrationSettings = config.getIntegrations();
    WebhookTargets webhookTargets = new WebhookTargets(integrationSettings.allowPrivateTargets);
    WebhookSender webhookSender =
        new WebhookSender(
            db,
            webhookTargets,
            new RetrySchedule(
                integrationSettings.maxAttempts,
                integrationSettings.backoffs(),
                () -> ThreadLocalRandom.current().nextDouble()),
            integrationSettings.connectTimeout.toJavaDuration(),
            integrationSettings.requestTimeout.toJavaDuration(),
            environment
                .lifecycle()
                .executorService("webhooks-%d")
                .minThreads(integrationSettings.senderThreads)
                .maxThreads(integrationSettings.senderThreads)
                .workQueue(new ArrayBlockingQueue<>(1000))
                .build(),
            clock,
            environment.metrics());
    outboundWebhooks = new OutboundWebhooks(environment.getObjectMapper(), webhookSender, clock);
    support.tickets().onEvent(new TicketWebhooks(outboundWebhooks));
    slaAlarms.onAlarm(new SlaWebhooks(outboundWebhooks));
    jobs.put(WebhookSender.SendJob.class, () -> new WebhookSender.SendJob(webhookSender));
    WebhookSender.register(scheduler, integrationSettings.senderInterval.toJavaDuration());
    environment
        .jersey()
        .register(
            new WebhookResource(
                new WebhookService(db, webhookTargets, webhookSender, audit, clock)));
    environment
        .jersey()
        .register(
            new HelpdeskResource(
                new HelpdeskService(db, support.tickets(), audit, clock, config.getPublicUrl()),
                environment.getObjectMapper(),
                environment.getValidator()));

    // Account (issue 11): recovery by email, changing your own password, policy preview.
    AccountRecovery recovery =
        new AccountRecovery(
            db,
            passwords,
            limiter,
            config.getRecovery(),
            new DirectMessenger(providers),
            sendPool,
            audit,
            clock,
            config.getPublicUrl());
    environment.jersey().register(new PasswordResetResource(recovery));
    environment.jersey().register(new SignInNameReminderResource(recovery));
    environment
        .jersey()
        .register(new PasswordResource(new PasswordChange(db, passwords, throttle, audit, clock)));
    environment
        .jersey()
        .register(new PolicyPreviewResource(new PolicyPreview(db, new PolicyReach(onCall), clock)));

    // Alert core (issue 12): batched durable intake, alerts and incidents, storms capped.
    alerts =
        new AlertWiring(
            db,
            incidents,
            scheduler,
            jobs,
            environment.getObjectMapper(),
            audit,
            clock,
            config.getAlerts());
    alerts.managed().forEach(environment.lifecycle()::manage);
    alerts.resources().forEach(environment.jersey()::register);

    // Inbound alert integrations (issue 12): per-service integrations and their keys, the
    // severity → urgency mapping.
    AlertIntegrationService alertIntegrations =
        new AlertIntegrationService(
            db,
            audit,
            clock,
            config.getPublicUrl(),
            new HeartbeatAndEmailSettings(config.getIntegrations().inboundEmailDomain),
            config.getIntegrations().inbound.routeCacheTtl.toJavaDuration());
    environment.jersey().register(new AlertIntegrationResource(alertIntegrations));
    environment.jersey().register(new AlertSettingsResource(alertIntegrations));
    AlertIntake intake = alertIntake != null ? alertIntake : alerts.intake();
    environment
        .jersey()
        .register(
            new InboundEventsResource(
                new InboundEvents(
                    alertIntegrations,
                    intake,
                    environment.getObjectMapper(),
                    config.getIntegrations().inbound,
                    environment.metrics(),
                    clock),
                requestNanoTime));
    FilterRegistration.Dynamic enqueuePath =
        environment.servlets().addFilter("events-v2-enqueue", new EnqueuePath());
    // The inbound event endpoints answer asynchronously, after the intake's commit: every filter
    // on their way (these three) must allow it.
    enqueuePath.setAsyncSupported(true);
    enqueuePath.addMappingForUrlPatterns(
        EnumSet.of(DispatcherType.REQUEST), true, EnqueuePath.PATH);

    // Heartbeat monitors and inbound email (issue 12): ping URLs and the clustered check that
    // triggers on a missed interval; SendGrid Inbound Parse's multipart webhook.
    IntegrationSettings inbound = config.getIntegrations();
    HeartbeatMonitors heartbeats =
        new HeartbeatMonitors(db, intake, inbound.heartbeatPingsPerMinute, clock);
    jobs.put(HeartbeatMonitors.CheckJob.class, () -> new HeartbeatMonitors.CheckJob(heartbeats));
    HeartbeatMonitors.register(scheduler, inbound.heartbeatCheckInterval.toJavaDuration());
    environment.jersey().register(new HeartbeatResource(heartbeats));
    environment.jersey().register(MultiPartFeature.class);
    environment.jersey().register(new InboundEmailBodyLimit(inbound.inboundEmailMaxBytes));
    environment
        .jersey()
        .register(
            new InboundEmailResource(
                new InboundEmail(
                    db,
                    alertIntegrations,
                    intake,
                    environment.getObjectMapper(),
                    inbound.inboundEmailDomain,
                    inbound.inboundEmailToken,
                    environment.metrics()),
                environment.getObjectMapper()));

    // Outbound (issue 12): incident events to outbound webhooks; acknowledgements and
    // resolutions told to the people already paged who opted in.
    incidentService = incidents;
    incidents.observe(new IncidentWebhooks(outboundWebhooks, config.getPublicUrl()));
    incidents.observe(new StatusUpdates(notices));
    // Product metrics on /prometheus; Quartz lag is measured on the wall clock Quartz fires by.
    incidents.observe(new ProductMetrics(environment.metrics(), db, Clock.systemUTC()));

    // API for automation (issue 12): Idempotency-Key on create calls, the OpenAPI document.
    IdempotencyKeys idempotencyKeys = new IdempotencyKeys(db, clock);
    jobs.put(IdempotencyKeys.PurgeJob.class, () -> new IdempotencyKeys.PurgeJob(idempotencyKeys));
    IdempotencyKeys.register(scheduler, jobSettings.sessionPurgeInterval.toJavaDuration());
    environment
        .jersey()
        .register(new IdempotencyFilter(idempotencyKeys, environment.getObjectMapper()));
    environment.jersey().register(new OpenApiResource());

    registerAuth(environment, sessions, apiKeys);
    environment.jersey().register(new ApiExceptionMapper());
    JsonErrorHandler jettyErrors = new JsonErrorHandler(environment.getObjectMapper());
    environment.getApplicationContext().setErrorHandler(jettyErrors);
    environment
        .lifecycle()
        .addServerLifecycleListener(server -> server.setErrorHandler(jettyErrors));
    environment.jersey().register(new ViolationExceptionMapper());
    // Errors without a body must not fall through to Jetty's HTML error page.
    environment.jersey().property(ServerProperties.RESPONSE_SET_STATUS_OVER_SEND_ERROR, true);
    environment
        .jersey()
        .register(
            new BodyLimitFilter(
                config.getMaxRequestBytes(), InboundEventsResource.OWN_LIMIT_PATHS));
    for (Object resource :
        List.of(
            new SignupResource(signups, cookies),
            new SessionResource(sessions, cookies),
            new ApiKeyResource(apiKeys),
            new UserResource(users),
            new InvitationResource(invitations),
            new InvitationAcceptResource(invitations, cookies),
            new TeamResource(teams),
            new ServiceResource(teams),
            new ScheduleResource(schedules, onCall),
            new OnCallResource(onCall),
            new CalendarFeedResource(calendarFeeds),
            new CalendarResource(calendarFeeds),
            new AuditResource(db),
            new EscalationPolicyResource(policies),
            new PagingWindowsResource.SupportHoursResource(pagingWindows),
            new PagingWindowsResource.MaintenanceResource(pagingWindows),
            new ContactResource(contacts),
            new NotificationRuleResource(contacts),
            new IncidentResource(incidents),
            new OutboxResource(db, outbox, smsReplies),
            new EmailActionResource(links, incidents, db, clock),
            new TwilioWebhookResource(
                twilioSignatures,
                config.getPublicUrl(),
                smsReplies,
                new VoiceKeypad(incidents, db),
                dispatcher,
                db))) {
      environment.jersey().register(resource);
    }

    FilterRegistration.Dynamic clientAddress =
        environment.servlets().addFilter("client-address", new ClientAddressFilter());
    clientAddress.setAsyncSupported(true);
    clientAddress.addMappingForUrlPatterns(EnumSet.allOf(DispatcherType.class), true, "/*");
    FilterRegistration.Dynamic singlePageApp =
        environment.servlets().addFilter("single-page-app", new SinglePageAppFilter());
    singlePageApp.setAsyncSupported(true);
    singlePageApp.addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), true, "/*");
    environment
        .servlets()
        .addServlet("health", new LoadBalancerHealthServlet(jdbi))
        .addMapping("/health");

    environment.healthChecks().register("database", new DatabaseHealthCheck(jdbi));
    environment.healthChecks().register("migrations", new MigrationsHealthCheck(migrator));
    environment.healthChecks().register("scheduler", new SchedulerHealthCheck(scheduler));
    PrometheusRegistry prometheus = new PrometheusRegistry();
    // Jersey's per-method "….total" timers would collide with the method timers once Prometheus
    // strips the _total suffix, and they add nothing the method timer does not say.
    DropwizardExports.builder()
        .dropwizardRegistry(environment.metrics())
        .metricFilter((name, metric) -> !name.endsWith(".total"))
        .register(prometheus);
    environment
        .admin()
        .addServlet("prometheus", new PrometheusMetricsServlet(prometheus))
        .addMapping("/prometheus");

    if (config.isDemo()) {
      if (new DemoTenantLoader(db, passwords, schedules, audit, clock).loadIfAbsent()) {
        new DemoSupportLoader(db, support, slaPolicies, clock).load();
      }
    }
  }

  /** Twilio and SendGrid where their credentials are configured; the outbox otherwise. */
  private static ProviderRegistry providers(NotifySettings notify, OutboxProvider outbox) {
    Map<Channel, MessageProvider> byChannel = new EnumMap<>(Channel.class);
    byChannel.put(
        Channel.SMS, notify.twilio.isConfigured() ? new TwilioSmsProvider(notify.twilio) : outbox);
    byChannel.put(
        Channel.VOICE,
        notify.twilio.isConfigured() ? new TwilioVoiceProvider(notify.twilio) : outbox);
    byChannel.put(
        Channel.EMAIL,
        notify.sendgrid.isConfigured() ? new SendGridEmailProvider(notify.sendgrid) : outbox);
    return new ProviderRegistry(byChannel);
  }

  /** This node's scheduler, once {@code run} has built it; tests drive and stop it. */
  public JobScheduler scheduler() {
    return scheduler;
  }

  /**
   * The SLA clocks the ticket package drives, once {@code run} has built them; tests drive them.
   */
  public SlaClocks slaClocks() {
    return slaClocks;
  }

  /** The alert core, once {@code run} has built it: integrations hand events to its intake. */
  public AlertWiring alerts() {
    return alerts;
  }

  /** Where the support packages publish outbound webhook events; tests publish through it. */
  public OutboundWebhooks outboundWebhooks() {
    return outboundWebhooks;
  }

  /** The incident lifecycle, once {@code run} has built it; tests change incidents through it. */
  public IncidentService incidents() {
    return incidentService;
  }

  private static void registerAuth(
      Environment environment, SessionService sessions, ApiKeyService apiKeys) {
    Authorizer<Caller> byRole = (caller, role, request) -> caller.role().wireName().equals(role);
    JsonUnauthorizedHandler unauthorized = new JsonUnauthorizedHandler();
    AuthFilter<Credentials, Caller> apiKeyFilter =
        new ApiKeyAuthFilter.Builder()
            .setAuthenticator(apiKeys::authenticate)
            .setAuthorizer(byRole)
            .setPrefix("Bearer")
            .setRealm("switchboard")
            .setUnauthorizedHandler(unauthorized)
            .buildAuthFilter();
    AuthFilter<Credentials, Caller> sessionFilter =
        new SessionCookieAuthFilter.Builder()
            .setAuthenticator(sessions::authenticate)
            .setAuthorizer(byRole)
            .setPrefix("Session")
            .setRealm("switchboard")
            .setUnauthorizedHandler(unauthorized)
            .buildAuthFilter();
    environment
        .jersey()
        .register(
            new AuthDynamicFeature(new ChainedAuthFilter<>(List.of(apiKeyFilter, sessionFilter))));
    environment.jersey().register(RolesAllowedDynamicFeature.class);
    environment.jersey().register(new AuthValueFactoryProvider.Binder<>(Caller.class));
  }

  /** A Jdbi over its own pool, knowing the id types and the enums stored by wire name. */
  private static Jdbi jdbi(Environment environment, DataSourceFactory database, String name) {
    return configureJdbi(new JdbiFactory().build(environment, database, name));
  }

  /**
   * Teaches a Jdbi what the service's SQL Objects need; tests that build their own Jdbi call it
   * too.
   */
  public static Jdbi configureJdbi(Jdbi jdbi) {
    jdbi.installPlugin(new SqlObjectPlugin());
    jdbi.installPlugin(new PostgresPlugin());
    // Statements are closed with their handle, as Jdbi does for a handle's own statements inside a
    // callback: the SQL Objects of Daos are built from this configuration, not from the handle's.
    jdbi.getConfig(SqlStatements.class).setAttachAllStatementsForCleanup(true);
    jdbi.setTemplateEngine(new NamedSqlTemplates());
    ColumnTypes.register(jdbi);
    WireEnums.register(jdbi, TeamKind.class);
    WireEnums.register(jdbi, EscalationPolicy.TargetType.class);
    WireEnums.register(jdbi, EscalationPolicy.TeamMode.class);
    WireEnums.register(jdbi, Channel.class);
    WireEnums.register(jdbi, Urgency.class);
    WireEnums.register(jdbi, IncidentStatus.class);
    WireEnums.register(jdbi, Escalation.Origin.class);
    WireEnums.register(jdbi, Escalation.State.class);
    WireEnums.register(jdbi, Notification.Status.class);
    WireEnums.register(jdbi, TicketStatus.class);
    WireEnums.register(jdbi, TicketPriority.class);
    return jdbi;
  }
}
