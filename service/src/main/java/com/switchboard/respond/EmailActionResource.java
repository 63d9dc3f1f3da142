package com.switchboard.respond;

import com.codahale.metrics.annotation.Timed;
import com.switchboard.contact.ContactDao;
import com.switchboard.contact.ContactMethod;
import com.switchboard.incident.Actor;
import com.switchboard.incident.Incident;
import com.switchboard.incident.IncidentDao;
import com.switchboard.incident.IncidentService;
import com.switchboard.incident.IncidentService.Transition;
import com.switchboard.notify.ActionLinks;
import com.switchboard.notify.ActionLinks.Action;
import com.switchboard.notify.ActionLinks.Claim;
import com.switchboard.platform.db.Daos;
import com.switchboard.platform.db.TenantDatabase;
import com.switchboard.platform.errors.ForbiddenException;
import com.switchboard.platform.errors.NotFoundException;
import com.switchboard.respond.ChannelAuthorization.Decision;
import com.switchboard.user.User;
import com.switchboard.user.UserDao;
import com.switchboard.user.UserId;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;

/**
 * The one-click links in notification emails. GET shows a confirmation page (mail scanners follow
 * links, so GET changes nothing); its button POSTs, which acknowledges or resolves as the user the
 * email was sent to. The signed token is the credential.
 */
@Path("/v1/email-actions/{token}")
public class EmailActionResource {
  private final ActionLinks links;
  private final IncidentService incidents;
  private final TenantDatabase db;
  private final Clock clock;

  public EmailActionResource(
      ActionLinks links, IncidentService incidents, TenantDatabase db, Clock clock) {
    this.links = links;
    this.incidents = incidents;
    this.db = db;
    this.clock = clock;
  }

  @GET
  @Timed
  @Produces(MediaType.TEXT_HTML)
  public String confirm(@PathParam("token") String token) {
    Claim claim = claim(token);
    long number = recipientAndIncident(claim).incident().number();
    String verb = claim.action() == Action.ACKNOWLEDGE ? "Acknowledge" : "Resolve";
    return page(
        verb + " incident #" + number,
        "<form method=\"post\"><button type=\"submit\">"
            + verb
            + " #"
            + number
            + "</button></form>");
  }

  @POST
  @Timed
  @Produces(MediaType.TEXT_HTML)
  public String act(@PathParam("token") String token) {
    Claim claim = claim(token);
    Target target = recipientAndIncident(claim);
    Decision decision =
        db.inTenant(
            claim.tenant(),
            h ->
                ChannelAuthorization.check(
                    h,
                    claim.tenant(),
                    claim.userId(),
                    claim.contactMethodId(),
                    target.address(),
                    "email"));
    if (!decision.allowed()) {
      throw new ForbiddenException("nothing was done: " + decision.refusal());
    }
    Actor actor = decision.actor();
    Transition result =
        claim.action() == Action.ACKNOWLEDGE
            ? incidents.acknowledge(claim.tenant(), claim.incidentId(), actor)
            : incidents.resolve(claim.tenant(), claim.incidentId(), actor);
    String text;
    switch (result.change()) {
      case ALREADY_RESOLVED:
        text = "Incident #" + result.incident().number() + " is already resolved.";
        break;
      case ALREADY_ACKNOWLEDGED:
        text =
            "Incident #"
                + result.incident().number()
                + " was already acknowledged by "
                + result.incident().acknowledgedBy()
                + ".";
        break;
      default:
        text =
            "Incident #"
                + result.incident().number()
                + (claim.action() == Action.ACKNOWLEDGE ? " acknowledged." : " resolved.");
    }
    return page(text, "");
  }

  private Claim claim(String token) {
    return links
        .verify(token, clock.instant())
        .orElseThrow(() -> new NotFoundException("link (it may have expired)"));
  }

  /** {@code address}: where the email went, or null when its contact method is gone. */
  private record Target(User user, Incident incident, String address) {}

  /**
   * The link acts as the user it was sent to, so it dies with their account: a deactivated user's
   * links answer 404 like expired ones.
   */
  private Target recipientAndIncident(Claim claim) {
    return db.inTenant(
        claim.tenant(),
        h -> {
          User user =
              Daos.on(h, UserDao.class)
                  .findById(claim.tenant(), new UserId(claim.userId()))
                  .filter(User::active)
                  .orElseThrow(() -> new NotFoundException("link (it may have expired)"));
          Incident incident =
              Daos.on(h, IncidentDao.class)
                  .find(claim.tenant(), claim.incidentId())
                  .orElseThrow(() -> new NotFoundException("incident"));
          String address =
              Daos.on(h, ContactDao.class)
                  .methodById(claim.tenant(), claim.contactMethodId())
                  .map(ContactMethod::address)
                  .orElse(null);
          return new Target(user, incident, address);
        });
  }

  private static String page(String title, String body) {
    return "<!doctype html><html><head><meta charset=\"utf-8\"><title>Switchboard</title>"
        + "<meta name=\"viewport\" content=\"width=device-width\"></head><body>"
        + "<h1>"
        + escape(title)
        + "</h1>"
        + body
        + "</body></html>";
  }

  private static String escape(String text) {
    return text == null ? "" : text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }
}
