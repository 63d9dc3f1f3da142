package com.switchboard.integration.inbound;

import com.codahale.metrics.annotation.Timed;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.switchboard.platform.errors.NotFoundException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.glassfish.jersey.media.multipart.FormDataBodyPart;
import org.glassfish.jersey.media.multipart.FormDataMultiPart;

/**
 * SendGrid Inbound Parse's webhook: one URL for the deployment, with the secret {@code
 * integrations.inboundEmailToken} in it (a wrong one answers 404 as an unknown path does). No
 * session, API key or CSRF token. Bodies are capped by {@link InboundEmailBodyLimit}.
 */
@Path(InboundEmailResource.PATH)
@Produces(MediaType.APPLICATION_JSON)
public class InboundEmailResource {
  /** Below {@code /api}. */
  static final String PATH = "/v1/integrations/email/inbound";

  private final InboundEmail emails;
  private final ObjectMapper json;

  public InboundEmailResource(InboundEmail emails, ObjectMapper json) {
    this.emails = emails;
    this.json = json;
  }

  @POST
  @Path("/{token}")
  @Timed
  @Consumes(MediaType.MULTIPART_FORM_DATA)
  public InboundEmail.Answer receive(@PathParam("token") String token, FormDataMultiPart form) {
    if (!emails.tokenMatches(token)) {
      throw new NotFoundException("webhook");
    }
    Map<String, byte[]> fields = new HashMap<>();
    if (form != null) {
      for (Map.Entry<String, List<FormDataBodyPart>> field : form.getFields().entrySet()) {
        FormDataBodyPart part = field.getValue().get(0);
        // Files (attachments) are counted by SendGrid's own field; their bytes are not kept.
        if (part.getContentDisposition().getFileName() == null) {
          fields.put(field.getKey(), part.getValueAs(byte[].class));
        }
      }
    }
    return emails.receive(InboundEmailMessage.parse(fields, json));
  }
}
