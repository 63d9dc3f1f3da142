package com.switchboard.contact;

import com.switchboard.audit.AuditLog;
import com.switchboard.auth.AuthMethod;
import com.switchboard.auth.Caller;
import com.switchboard.contact.ContactDao.Verification;
import com.switchboard.contact.ContactRequests.AddContactMethod;
import com.switchboard.contact.ContactRequests.AddRule;
import com.switchboard.notify.Channel;
import com.switchboard.notify.DirectMessenger;
import com.switchboard.notify.SendResult;
import com.switchboard.notify.sms.SmsNumberDao;
import com.switchboard.platform.db.Daos;
import com.switchboard.platform.db.TenantDatabase;
import com.switchboard.platform.db.UniqueNames;
import com.switchboard.platform.errors.ConflictException;
import com.switchboard.platform.errors.ForbiddenException;
import com.switchboard.platform.errors.NotFoundException;
import com.switchboard.platform.errors.TooManyRequestsException;
import com.switchboard.platform.errors.ValidationException;
import com.switchboard.platform.limits.RateLimiter;
import com.switchboard.tenant.Tenant;
import com.switchboard.tenant.TenantDao;
import com.switchboard.tenant.TenantId;
import com.switchboard.timeline.Timeline;
import com.switchboard.user.UserId;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Handle;

/**
 * Contact methods and notification rules. People manage their own (signed in, not through an API
 * key); admins manage anyone's. A new phone number or email is verified by a 6-digit code sent to
 * it; a voice method for a number the user already verified for SMS (or the reverse) needs none.
 * Every code sent counts against the {@link VerificationLimits}, in the transaction that decides to
 * send it; over a limit, nothing is added or sent and the answer is 429.
 */
public class ContactService {
  static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{7,14}");
  static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
  static final Duration CODE_LIFETIME = Duration.ofMinutes(10);
  static final Duration RESEND_INTERVAL = Duration.ofMinutes(1);
  static final int MAX_ATTEMPTS = 5;

  /** A method with whether a code is out for it. */
  public record ContactMethodView(ContactMethod method, boolean codeSent, String sendError) {}

  /** A test message: whether the provider took it, and its error if not. */
  public record TestMessage(ContactMethod method, boolean sent, String sendError) {}

  private final TenantDatabase db;
  private final DirectMessenger messenger;
  private final AuditLog audit;
  private final RateLimiter limiter;
  private final VerificationLimits limits;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();

  public ContactService(
      TenantDatabase db,
      DirectMessenger messenger,
      AuditLog audit,
      RateLimiter limiter,
      VerificationLimits limits,
      Clock clock) {
    this.db = db;
    this.messenger = messenger;
    this.audit = audit;
    this.limiter = limiter;
    this.limits = limits;
    this.clock = clock;
  }

  public List<ContactMethod> methods(Caller caller, UUID userId) {
    return db.inTenant(
        caller.tenantId(),
        h -> {
          requireUser(h, caller, userId, false);
          return Daos.on(h, ContactDao.class).methods(caller.tenantId(), userId);
        });
  }

  public ContactMethodView add(Caller caller, UUID userId, AddContactMethod request) {
    String address = normalise(request.channel(), request.address());
    UUID id = UUID.randomUUID();
    String code = newCode();
    record Added(ContactMethod method, boolean needsCode, String slug) {}
    Added added =
        UniqueNames.orConflict(
            "this user already has this contact method",
            () ->
                db.inTenant(
                    caller.tenantId(),
                    h -> {
                      requireUser(h, caller, userId, true);
                      ContactDao contacts = Daos.on(h, ContactDao.class);
                      Instant now = clock.instant();
                      boolean preVerified =
                          request.channel().isPhone()
                              && contacts.phoneVerified(caller.tenantId(), userId, address);
                      Tenant tenant = tenant(h, caller.tenantId());
                      if (!preVerified) {
                        countCode(h, tenant, userId, request.channel(), address, now);
                      }
                      contacts.insert(
                          caller.tenantId(),
                          id,
                          userId,
                          request.channel(),
                          address,
                          request.label() == null ? "" : request.label().trim(),
                          preVerified ? now : null,
                          now);
                      if (!preVerified) {
                        contacts.setVerificationCode(caller.tenantId(), id, hash(id, code), now);
                      }
                      audit.record(
                          h,
                          caller,
                          "contact_method.added",
                          "user",
                          userId,
                          "added "
                              + request.channel().wireName()
                              + " contact method "
                              + Timeline.mask(address));
                      return new Added(
                          contacts.method(caller.tenantId(), userId, id).orElseThrow(),
                          !preVerified,
                          tenant.slug());
                    }));
    if (!added.needsCode()) {
      return new ContactMethodView(added.method(), false, null);
    }
    SendResult sent = sendCode(added.slug(), added.method(), code);
    return new ContactMethodView(added.method(), sent.accepted(), sent.error());
  }

  /** Sends a fresh code; at most one a minute per method. */
  public ContactMethodView resendCode(Caller caller, UUID userId, UUID methodId) {
    String code = newCode();
    record Fresh(ContactMethod method, String slug) {}
    Fresh fresh =
        db.inTenant(
            caller.tenantId(),
            h -> {
              requireUser(h, caller, userId, true);
              ContactDao contacts = Daos.on(h, ContactDao.class);
              ContactMethod method = method(contacts, caller.tenantId(), userId, methodId);
              if (method.verified()) {
                throw new ConflictException("contact method is already verified");
              }
              Verification verification =
                  contacts.lockVerification(caller.tenantId(), methodId).orElseThrow();
              Instant now = clock.instant();
              if (verification.verificationSentAt() != null
                  && verification.verificationSentAt().plus(RESEND_INTERVAL).isAfter(now)) {
                throw new TooManyRequestsException(
                    "a code was sent less than a minute ago", RESEND_INTERVAL);
              }
              Tenant tenant = tenant(h, caller.tenantId());
              countCode(h, tenant, userId, method.channel(), method.address(), now);
              contacts.setVerificationCode(caller.tenantId(), methodId, hash(methodId, code), now);
              return new Fresh(method, tenant.slug());
            });
    SendResult sent = sendCode(fresh.slug(), fresh.method(), code);
    return new ContactMethodView(fresh.method(), sent.accepted(), sent.error());
  }

  /**
   * Sends a short test message on a verified method, by the provider that pages it (the outbox when
   * none is configured), so its owner sees where their pages will land.
   */
  public TestMessage sendTest(Caller caller, UUID userId, UUID methodId) {
    record Checked(ContactMethod method, String slug, String name) {}
    Checked checked =
        db.inTenant(
            caller.tenantId(),
            h -> {
              requireUser(h, caller, userId, true);
              ContactMethod method =
                  method(Daos.on(h, ContactDao.class), caller.tenantId(), userId, methodId);
              if (!method.verified()) {
                throw new ConflictException("verify this contact method before testing it");
              }
              if (!method.usable()) {
                throw new ConflictException(
                    "this number replied STOP; it gets no messages until it replies START");
              }
              limiter.acquire(h, List.of(limits.testMessage(methodId)));
              audit.record(
                  h,
                  caller,
                  "contact_method.tested",
                  "user",
                  userId,
                  "sent a test message by "
                      + method.channel().wireName()
                      + " to "
                      + Timeline.mask(method.address()));
              String name =
                  h.createQuery("SELECT name FROM users WHERE tenant_id = :tenant AND id = :id")
                      .bind("tenant", caller.tenantId().value())
                      .bind("id", userId)
                      .mapTo(String.class)
                      .one();
              return new Checked(method, tenant(h, caller.tenantId()).slug(), name);
            });
    String text =
        checked.method().channel() == Channel.VOICE
            ? "This is a test call from Switchboard for "
                + checked.slug()
                + ". Pages for "
                + checked.name()
                + " will reach this number. Goodbye."
            : "Switchboard ["
                + checked.slug()
                + "] test message for "
                + checked.name()
                + ": pages will reach you here. No reply needed.";
    SendResult sent =
        messenger.send(
            checked.slug(),
            checked.method().channel(),
            checked.method().address(),
            "Switchboard test message",
            text);
    return new TestMessage(checked.method(), sent.accepted(), sent.error());
  }

  public ContactMethod verify(Caller caller, UUID userId, UUID methodId, String code) {
    ContactMethod verified = checkCode(caller, userId, methodId, code);
    if (verified == null) {
      throw new ValidationException("code", "is not the code we sent");
    }
    return verified;
  }

  /** The verified method, or null when the code was wrong (the attempt is counted). */
  private ContactMethod checkCode(Caller caller, UUID userId, UUID methodId, String code) {
    return db.inTenant(
        caller.tenantId(),
        h -> {
          requireUser(h, caller, userId, true);
          ContactDao contacts = Daos.on(h, ContactDao.class);
          ContactMethod method = method(contacts, caller.tenantId(), userId, methodId);
          if (method.verified()) {
            return method;
          }
          Verification verification =
              contacts.lockVerification(caller.tenantId(), methodId).orElseThrow();
          Instant now = clock.instant();
          if (verification.verificationHash() == null
              || verification.verificationSentAt().plus(CODE_LIFETIME).isBefore(now)
              || verification.verificationAttempts() >= MAX_ATTEMPTS) {
            throw new ValidationException(
                "code", "has expired or was tried too often; ask for a new code");
          }
          if (!MessageDigest.isEqual(
              verification.verificationHash().getBytes(StandardCharsets.US_ASCII),
              hash(methodId, code).getBytes(StandardCharsets.US_ASCII))) {
            // The failed attempt must be committed, so the error is thrown after the commit.
            contacts.countVerificationAttempt(caller.tenantId(), methodId);
            return null;
          }
          contacts.markVerified(caller.tenantId(), methodId, now);
          if (method.channel() == Channel.SMS) {
            Daos.on(h, SmsNumberDao.class)
                .routeToUser(method.address(), caller.tenantId(), userId, now);
          }
          audit.record(
              h,
              caller,
              "contact_method.verified",
              "user",
              userId,
              "verified " + method.channel().wireName() + " " + Timeline.mask(method.address()));
          return contacts.method(caller.tenantId(), userId, methodId).orElseThrow();
        });
  }

  public void delete(Caller caller, UUID userId, UUID methodId) {
    db.useTenant(
        caller.tenantId(),
        h -> {
          requireUser(h, caller, userId, true);
          ContactDao contacts = Daos.on(h, ContactDao.class);
          ContactMethod method = method(contacts, caller.tenantId(), userId, methodId);
          contacts.delete(caller.tenantId(), methodId);
          // Its pages' reply codes go with it (ON DELETE CASCADE); the number routes to nobody.
          Daos.on(h, SmsNumberDao.class)
              .forgetUser(caller.tenantId(), userId, method.address(), clock.instant());
          audit.record(
              h,
              caller,
              "contact_method.deleted",
              "user",
              userId,
              "deleted " + method.channel().wireName() + " " + Timeline.mask(method.address()));
        });
  }

  public List<NotificationRule> rules(Caller caller, UUID userId) {
    return db.inTenant(
        caller.tenantId(),
        h -> {
          requireUser(h, caller, userId, false);
          return Daos.on(h, ContactDao.class).rules(caller.tenantId(), userId);
        });
  }

  public NotificationRule addRule(Caller caller, UUID userId, AddRule request) {
    UUID id = UUID.randomUUID();
    return UniqueNames.orConflict(
        "an identical rule exists",
        () ->
            db.inTenant(
                caller.tenantId(),
                h -> {
                  requireUser(h, caller, userId, true);
                  ContactDao contacts = Daos.on(h, ContactDao.class);
                  ContactMethod method =
                      contacts
                          .method(caller.tenantId(), userId, request.contactMethodId())
                          .orElseThrow(() -> new NotFoundException("contact method"));
                  contacts.insertRule(
                      caller.tenantId(),
                      id,
                      userId,
                      method.id(),
                      request.urgency(),
                      request.delayMinutes(),
                      clock.instant());
                  audit.record(
                      h,
                      caller,
                      "notification_rule.added",
                      "user",
                      userId,
                      request.urgency().wireName()
                          + " urgency: "
                          + method.channel().wireName()
                          + " after "
                          + request.delayMinutes()
                          + " min");
                  return contacts.rules(caller.tenantId(), userId).stream()
                      .filter(r -> r.id().equals(id))
                      .findFirst()
                      .orElseThrow();
                }));
  }

  public void deleteRule(Caller caller, UUID userId, UUID ruleId) {
    db.useTenant(
        caller.tenantId(),
        h -> {
          requireUser(h, caller, userId, true);
          if (Daos.on(h, ContactDao.class).deleteRule(caller.tenantId(), userId, ruleId) == 0) {
            throw new NotFoundException("notification rule");
          }
          audit.record(
              h,
              caller,
              "notification_rule.deleted",
              "user",
              userId,
              "deleted a notification rule");
        });
  }

  /**
   * SMS and email carry the code as text; a voice number (perhaps a landline) gets a call that
   * reads it twice, digit by digit.
   */
  private SendResult sendCode(String slug, ContactMethod method, String code) {
    String digitByDigit = String.join(" ", code.split(""));
    String text =
        method.channel() == Channel.VOICE
            ? "This is Switchboard for "
                + slug
                + ". Your verification code: "
                + digitByDigit
                + ". Again, your code: "
                + digitByDigit
                + "."
            : "Switchboard [" + slug + "] verification code: " + code;
    return messenger.send(
        slug, method.channel(), method.address(), "Your Switchboard verification code", text);
  }

  /** Everyone may read a colleague's methods; only they (signed in) or an admin may change them. */
  private static void requireUser(Handle h, Caller caller, UUID userId, boolean changing) {
    boolean exists =
        h.createQuery("SELECT count(*) FROM users WHERE tenant_id = :tenant AND id = :id")
                .bind("tenant", caller.tenantId().value())
                .bind("id", userId)
                .mapTo(Integer.class)
                .one()
            > 0;
    if (!exists) {
      throw new NotFoundException("user");
    }
    if (changing) {
      boolean self = caller.is(new UserId(userId)) && caller.method() == AuthMethod.SESSION;
      if (!self && !caller.role().isAdministrator()) {
        throw new ForbiddenException("only the user, signed in, or an admin may change this");
      }
    }
  }

  private static ContactMethod method(
      ContactDao contacts, TenantId tenant, UUID userId, UUID methodId) {
    return contacts
        .method(tenant, userId, methodId)
        .orElseThrow(() -> new NotFoundException("contact method"));
  }

  private static Tenant tenant(Handle h, TenantId tenant) {
    return Daos.on(h, TenantDao.class).findById(tenant).orElseThrow();
  }

  /** Counts a code about to be sent, or refuses it with 429 (see {@link VerificationLimits}). */
  private void countCode(
      Handle h, Tenant tenant, UUID userId, Channel channel, String address, Instant now) {
    limiter.acquire(h, limits.limitsFor(tenant, userId, channel, address, now));
  }

  static String normalise(Channel channel, String raw) {
    String address = raw.trim();
    if (channel.isPhone()) {
      address = address.replaceAll("[\\s().-]", "");
      if (!E164.matcher(address).matches()) {
        throw new ValidationException(
            "address", "must be a phone number in E.164 form, e.g. +14155550123");
      }
      return address;
    }
    if (!EMAIL.matcher(address).matches()) {
      throw new ValidationException("address", "must be an email address");
    }
    return address.toLowerCase(Locale.ROOT);
  }

  private String newCode() {
    return String.format("%06d", random.nextInt(1_000_000));
  }

  private static String hash(UUID methodId, String code) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      return HexFormat.of()
          .formatHex(digest.digest((methodId + ":" + code).getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
