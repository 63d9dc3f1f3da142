package com.switchboard.integration.helpdesk;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.switchboard.platform.errors.ValidationException;
import com.switchboard.ticket.TicketPriority;
import com.switchboard.ticket.TicketStatus;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.Locale;

/**
 * A helpdesk's ticket as Switchboard understands it, whatever shape it came in: the generic shape
 * ({@link Generic}) or a Zendesk webhook's ({@link Zendesk}). Null fields mean "not said".
 */
public record InboundTicket(
    String externalId,
    String subject,
    String description,
    String requester,
    String customerExternalId,
    String customerName,
    String customerTier,
    TicketPriority priority,
    TicketStatus status,
    String externalUrl,
    Comment comment) {

  /** A comment on the ticket: public from the customer, public from an agent, or internal. */
  public record Comment(String body, boolean isPublic, boolean fromCustomer, String authorName) {}

  static final String URL_PATTERN = "https?://\\S+";
  static final String TIER_PATTERN = "[a-z0-9][a-z0-9_-]{0,39}";

  /** The generic shape (docs/support/webhooks.md); unknown fields are refused. */
  public record Generic(
      @NotBlank @Size(max = 255) String externalId,
      @NotBlank @Size(max = 500) String subject,
      @Size(max = 20_000) String description,
      @Size(max = 320) String requester,
      @Valid GenericCustomer customer,
      TicketPriority priority,
      TicketStatus status,
      @Size(max = 2_000) @Pattern(regexp = URL_PATTERN, message = "must be an http(s) URL")
          String externalUrl,
      @Valid GenericComment comment) {

    InboundTicket normalised() {
      return new InboundTicket(
          externalId.trim(),
          subject,
          description,
          requester,
          customer == null ? null : customer.externalId(),
          customer == null ? null : customer.name(),
          customer == null ? null : customer.tier(),
          priority,
          status,
          externalUrl,
          comment == null
              ? null
              : new Comment(
                  comment.body(),
                  comment.isPublic() == null || comment.isPublic(),
                  comment.author() == CommentAuthor.CUSTOMER,
                  null));
    }
  }

  public record GenericCustomer(
      @Size(min = 1, max = 255) String externalId,
      @NotBlank @Size(max = 200) String name,
      @Pattern(regexp = TIER_PATTERN, message = "must be 1-40 lower-case letters, digits, - or _")
          String tier) {}

  public record GenericComment(
      @NotBlank @Size(max = 20_000) String body,
      @JsonProperty("public") Boolean isPublic,
      @NotNull CommentAuthor author) {}

  public enum CommentAuthor {
    @JsonProperty("agent")
    AGENT,
    @JsonProperty("customer")
    CUSTOMER
  }

  /**
   * What a Zendesk trigger's webhook sends with the JSON body given in docs/support/webhooks.md.
   * Zendesk placeholders render as strings ("Open", "Normal", "-"), so statuses and priorities are
   * read case-insensitively, and fields Switchboard does not use are ignored.
   */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Zendesk(@NotNull @Valid ZendeskTicket ticket) {
    InboundTicket normalised() {
      ZendeskTicket t = ticket;
      String externalId = t.id().isNumber() ? t.id().asText() : t.id().textValue();
      if (externalId == null || externalId.isBlank() || externalId.length() > 255) {
        throw new ValidationException("ticket.id", "must be the Zendesk ticket id");
      }
      return new InboundTicket(
          externalId.trim(),
          t.subject(),
          t.description(),
          t.requester() == null ? null : t.requester().label(),
          t.organization() == null ? null : t.organization().externalId(),
          t.organization() == null ? null : t.organization().name(),
          null,
          priority(t.priority()),
          status(t.status()),
          url(t.url()),
          t.latestComment() == null ? null : t.latestComment().normalised());
    }

    private static TicketPriority priority(String raw) {
      if (raw == null || raw.isBlank() || raw.trim().equals("-")) {
        return null;
      }
      return switch (raw.trim().toLowerCase(Locale.ROOT)) {
        case "urgent" -> TicketPriority.URGENT;
        case "high" -> TicketPriority.HIGH;
        case "normal" -> TicketPriority.NORMAL;
        case "low" -> TicketPriority.LOW;
        default ->
            throw new ValidationException(
                "ticket.priority", "must be one of urgent, high, normal, low");
      };
    }

    private static TicketStatus status(String raw) {
      if (raw == null || raw.isBlank()) {
        return null;
      }
      return switch (raw.trim().toLowerCase(Locale.ROOT)) {
        case "new" -> TicketStatus.NEW;
        case "open" -> TicketStatus.OPEN;
        case "pending" -> TicketStatus.PENDING;
        case "hold", "on-hold", "on_hold", "on hold" -> TicketStatus.ON_HOLD;
        case "solved" -> TicketStatus.SOLVED;
        case "closed" -> TicketStatus.CLOSED;
        default ->
            throw new ValidationException(
                "ticket.status", "must be one of new, open, pending, hold, solved, closed");
      };
    }

    /** {@code {{ticket.link}}} renders without a scheme. */
    private static String url(String raw) {
      if (raw == null || raw.isBlank()) {
        return null;
      }
      String url = raw.trim();
      if (!url.startsWith("http://") && !url.startsWith("https://")) {
        url = "https://" + url;
      }
      if (url.length() > 2_000 || !url.matches(URL_PATTERN)) {
        throw new ValidationException("ticket.url", "must be the ticket's link");
      }
      return url;
    }
  }

  @JsonIgnoreProperties(ignoreUnknown = true)
  public record ZendeskTicket(
      @NotNull JsonNode id,
      @NotBlank @Size(max = 500) String subject,
      @Size(max = 20_000) String description,
      @Size(max = 40) String priority,
      @Size(max = 40) String status,
      @Valid ZendeskPerson requester,
      @Valid ZendeskOrganization organization,
      @Size(max = 2_000) String url,
      @JsonProperty("latest_comment") @Valid ZendeskComment latestComment) {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  public record ZendeskPerson(@Size(max = 200) String name, @Size(max = 320) String email) {
    String label() {
      boolean hasName = name != null && !name.isBlank();
      boolean hasEmail = email != null && !email.isBlank();
      String label =
          hasName && hasEmail
              ? name.trim() + " <" + email.trim() + ">"
              : hasName ? name.trim() : hasEmail ? email.trim() : null;
      return label == null || label.length() <= 320 ? label : label.substring(0, 320);
    }
  }

  @JsonIgnoreProperties(ignoreUnknown = true)
  public record ZendeskOrganization(
      @Size(max = 200) String name,
      @JsonProperty("external_id") @Size(max = 255) String externalId) {}

  /** {@code author.role} "end-user" marks the customer; anyone else is an agent. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record ZendeskComment(
      @Size(max = 20_000) String body,
      @JsonProperty("public") Boolean isPublic,
      @Valid ZendeskAuthor author) {
    Comment normalised() {
      if (body == null || body.isBlank()) {
        return null;
      }
      boolean customer =
          author != null
              && author.role() != null
              && author.role().trim().toLowerCase(Locale.ROOT).replace('_', '-').equals("end-user");
      return new Comment(
          body, isPublic == null || isPublic, customer, author == null ? null : author.name());
    }
  }

  @JsonIgnoreProperties(ignoreUnknown = true)
  public record ZendeskAuthor(@Size(max = 200) String name, @Size(max = 40) String role) {}
}
