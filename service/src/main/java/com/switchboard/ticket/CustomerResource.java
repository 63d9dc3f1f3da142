package com.switchboard.ticket;

import com.codahale.metrics.annotation.Timed;
import com.switchboard.auth.Caller;
import com.switchboard.auth.Role;
import com.switchboard.platform.errors.BadRequestException;
import com.switchboard.platform.http.QueryParams;
import com.switchboard.platform.idempotency.Idempotent;
import io.dropwizard.auth.Auth;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** Customers and their tiers. Agents and admins keep them; everyone reads them. */
@Path("/v1/customers")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class CustomerResource {
  private final TicketService tickets;

  public CustomerResource(TicketService tickets) {
    this.tickets = tickets;
  }

  @POST
  @Timed
  @RolesAllowed({Role.OWNER_NAME, Role.ADMIN_NAME, Role.AGENT_NAME})
  @Idempotent
  public Response create(
      @Auth Caller caller, @NotNull @Valid TicketRequests.CreateCustomer request) {
    return Response.status(201).entity(tickets.createCustomer(caller, request)).build();
  }

  /** {@code ?tier=premium&q=acme&limit=100}. */
  @GET
  @Timed
  @PermitAll
  public TicketViews.Customers list(
      @Auth Caller caller,
      @QueryParam("tier") String tier,
      @QueryParam("q") String query,
      @QueryParam("limit") String limit) {
    String wantedTier = QueryParams.optionalText("tier", tier, 40);
    if (wantedTier != null && !wantedTier.matches(TicketRequests.TIER_PATTERN)) {
      throw new BadRequestException(
          "invalid_parameter", "tier", "must be 1-40 lower-case letters, digits, - or _");
    }
    return new TicketViews.Customers(
        tickets.listCustomers(
            caller,
            wantedTier,
            QueryParams.optionalText("q", query, 100),
            QueryParams.intInRange("limit", limit, 100, 1, 500)));
  }

  @GET
  @Path("/{id}")
  @Timed
  @PermitAll
  public Customer get(@Auth Caller caller, @PathParam("id") String id) {
    return tickets.getCustomer(caller, QueryParams.pathId("customer", id));
  }

  @PATCH
  @Path("/{id}")
  @Timed
  @RolesAllowed({Role.OWNER_NAME, Role.ADMIN_NAME, Role.AGENT_NAME})
  public Customer update(
      @Auth Caller caller,
      @PathParam("id") String id,
      @NotNull @Valid TicketRequests.UpdateCustomer request) {
    return tickets.updateCustomer(caller, QueryParams.pathId("customer", id), request);
  }
}
