package com.switchboard;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.switchboard.account.RecoverySettings;
import com.switchboard.alert.AlertSettings;
import com.switchboard.contact.VerificationLimits;
import com.switchboard.integration.IntegrationSettings;
import com.switchboard.notify.NotifySettings;
import com.switchboard.platform.jobs.JobSettings;
import io.dropwizard.core.Configuration;
import io.dropwizard.db.DataSourceFactory;
import io.dropwizard.util.Duration;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

/**
 * Everything Switchboard reads from its YAML file. The bundled {@code switchboard.yml} fills each
 * setting from an environment variable with a local default (see README).
 */
public class SwitchboardConfiguration extends Configuration {
  @Valid @NotNull private DataSourceFactory database = new DataSourceFactory();

  /** Where the embedded PostgreSQL keeps its cluster when no database URL is configured. */
  @NotBlank private String dataDirectory = "./switchboard-data";

  /** 0 lets the embedded PostgreSQL pick a free port. */
  @Min(0)
  @Max(65535)
  private int embeddedDatabasePort = 0;

  /** The address people reach the web UI at; used in links and to mark cookies Secure. */
  @NotBlank private String publicUrl = "http://localhost:8080";

  private boolean demo = false;

  private boolean migrateOnStart = true;

  @Min(1024)
  @Max(16 * 1024 * 1024)
  private int maxRequestBytes = 64 * 1024;

  @Valid @NotNull private AuthSettings auth = new AuthSettings();

  @Valid @NotNull private JobSettings jobs = new JobSettings();

  @Valid @NotNull private NotifySettings notify = new NotifySettings();

  @Valid @NotNull private VerificationLimits verification = new VerificationLimits();

  @Valid @NotNull private IntegrationSettings integrations = new IntegrationSettings();

  @Valid @NotNull private RecoverySettings recovery = new RecoverySettings();

  @Valid @NotNull private AlertSettings alerts = new AlertSettings();

  @JsonProperty("database")
  public DataSourceFactory getDataSourceFactory() {
    return database;
  }

  @JsonProperty("database")
  public void setDataSourceFactory(DataSourceFactory database) {
    this.database = database;
  }

  @JsonProperty
  public String getDataDirectory() {
    return dataDirectory;
  }

  @JsonProperty
  public void setDataDirectory(String dataDirectory) {
    this.dataDirectory = dataDirectory;
  }

  @JsonProperty
  public int getEmbeddedDatabasePort() {
    return embeddedDatabasePort;
  }

  @JsonProperty
  public void setEmbeddedDatabasePort(int embeddedDatabasePort) {
    this.embeddedDatabasePort = embeddedDatabasePort;
  }

  @JsonProperty
  public String getPublicUrl() {
    return publicUrl;
  }

  @JsonProperty
  public void setPublicUrl(String publicUrl) {
    this.publicUrl = publicUrl;
  }

  @JsonProperty
  public boolean isDemo() {
    return demo;
  }

  @JsonProperty
  public void setDemo(boolean demo) {
    this.demo = demo;
  }

  @JsonProperty
  public boolean isMigrateOnStart() {
    return migrateOnStart;
  }

  @JsonProperty
  public void setMigrateOnStart(boolean migrateOnStart) {
    this.migrateOnStart = migrateOnStart;
  }

  @JsonProperty
  public int getMaxRequestBytes() {
    return maxRequestBytes;
  }

  @JsonProperty
  public void setMaxRequestBytes(int maxRequestBytes) {
    this.maxRequestBytes = maxRequestBytes;
  }

  @JsonProperty
  public AuthSettings getAuth() {
    return auth;
  }

  @JsonProperty
  public void setAuth(AuthSettings auth) {
    this.auth = auth;
  }

  @JsonProperty
  public JobSettings getJobs() {
    return jobs;
  }

  @JsonProperty
  public void setJobs(JobSettings jobs) {
    this.jobs = jobs;
  }

  @JsonProperty
  public NotifySettings getNotify() {
    return notify;
  }

  @JsonProperty
  public void setNotify(NotifySettings notify) {
    this.notify = notify;
  }

  @JsonProperty
  public VerificationLimits getVerification() {
    return verification;
  }

  @JsonProperty
  public void setVerification(VerificationLimits verification) {
    this.verification = verification;
  }

  @JsonProperty
  public IntegrationSettings getIntegrations() {
    return integrations;
  }

  @JsonProperty
  public void setIntegrations(IntegrationSettings integrations) {
    this.integrations = integrations;
  }

  @JsonProperty
  public RecoverySettings getRecovery() {
    return recovery;
  }

  @JsonProperty
  public void setRecovery(RecoverySettings recovery) {
    this.recovery = recovery;
  }

  @JsonProperty
  public AlertSettings getAlerts() {
    return alerts;
  }

  @JsonProperty
  public void setAlerts(AlertSettings alerts) {
    this.alerts = alerts;
  }

  /** Password hashing, sessions, login throttling and signup limits (docs/operations.md). */
  public static class AuthSettings {
    /** bcrypt work factor; 12 takes roughly 250 ms on one core. Tests lower it. */
    @Min(4)
    @Max(31)
    @JsonProperty
    public int bcryptCost = 12;

    @NotNull @JsonProperty public Duration sessionLifetime = Duration.days(7);

    /**
     * Failed logins to one account from one address, or from one browser holding a device cookie
     * for the account, per window.
     */
    @Min(1)
    @JsonProperty
    public int failedLoginsPerClient = 5;

    /**
     * Failed logins to one account from browsers without its device cookie, from any address, per
     * window. Larger than {@link #failedLoginsPerClient}, so that one address cannot spend it.
     */
    @Min(1)
    @JsonProperty
    public int failedLoginsPerAccount = 20;

    /** Failed logins from one address to any accounts, per window. */
    @Min(1)
    @JsonProperty
    public int failedLoginsPerAddress = 100;

    @NotNull @JsonProperty public Duration failedLoginWindow = Duration.minutes(15);

    /** How long a browser's device cookie exempts it from limits strangers can spend. */
    @NotNull @JsonProperty public Duration deviceCookieLifetime = Duration.days(365);

    @Min(1)
    @JsonProperty
    public int signupsPerAddress = 5;

    @Min(1)
    @JsonProperty
    public int signupsPerEmail = 3;

    @NotNull @JsonProperty public Duration signupWindow = Duration.hours(1);
  }
}
