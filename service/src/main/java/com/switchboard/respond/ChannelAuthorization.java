package com.switchboard.respond;

import com.switchboard.contact.ContactDao;
import com.switchboard.contact.ContactMethod;
import com.switchboard.incident.Actor;
import com.switchboard.incident.IncidentPermissions;
import com.switchboard.notify.Channel;
import com.switchboard.platform.db.Daos;
import com.switchboard.tenant.TenantId;
import com.switchboard.user.User;
import com.switchboard.user.UserDao;
import com.switchboard.user.UserId;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;

/**
 * The check every side channel passes before it acts on an incident for the person it paged (an SMS
 * reply, a key pressed on a paging call, an email link): the same as the API's, an active user
 * whose role may respond ({@link IncidentPermissions}), plus what the channel itself vouches for —
 * the contact method the page went to still exists, is that user's, is verified, and has the
 * address the answer came from.
 */
public final class ChannelAuthorization {
  /** Either the actor to act as, or why not, in words fit to answer the person with. */
  public record Decision(Actor actor, String refusal) {
    public boolean allowed() {
      return actor != null;
    }
  }

  static final String NOT_SET_UP = "this contact method no longer answers pages";

  private ChannelAuthorization() {}

  /**
   * @param address the phone number or email address the answer came from or the page went to
   * @param channel the actor's channel: "sms", "voice" or "email"
   */
  public static Decision check(
      Handle h,
      TenantId tenant,
      UUID userId,
      UUID contactMethodId,
      String address,
      String channel) {
    Optional<User> user =
        Daos.on(h, UserDao.class).findById(tenant, new UserId(userId)).filter(User::active);
    Optional<ContactMethod> method =
        contactMethodId == null
            ? Optional.empty()
            : Daos.on(h, ContactDao.class).methodById(tenant, contactMethodId);
    boolean vouched =
        method.isPresent()
            && method.get().userId().equals(userId)
            && method.get().verified()
            && method.get().address().equalsIgnoreCase(address)
            && (method.get().channel() == Channel.EMAIL) == channel.equals("email");
    if (user.isEmpty() || !vouched) {
      return new Decision(null, NOT_SET_UP);
    }
    if (!IncidentPermissions.mayRespond(user.get().role())) {
      return new Decision(
          null, "your role (" + user.get().role().wireName() + ") may not act on incidents");
    }
    return new Decision(new Actor(user.get().name(), userId, channel), null);
  }
}
