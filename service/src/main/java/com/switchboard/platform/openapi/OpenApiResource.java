package com.switchboard.platform.openapi;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * Serves the OpenAPI 3 document of the public API, without authentication. The document is the
 * checked-in {@code openapi.json} (service/src/main/resources); OpenApiDocumentTest keeps it in
 * step with the resources (docs/decisions/0009-openapi.md).
 */
@Path("/openapi.json")
public class OpenApiResource {
  public static final String DOCUMENT = "/openapi.json";

  private final byte[] document;

  public OpenApiResource() {
    try (InputStream in = OpenApiResource.class.getResourceAsStream(DOCUMENT)) {
      if (in == null) {
        throw new IllegalStateException(DOCUMENT + " is missing from the classpath");
      }
      this.document = in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @GET
  @Produces(MediaType.APPLICATION_JSON)
  public byte[] document() {
    return document.clone();
  }
}
