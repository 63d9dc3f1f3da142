package com.switchboard.notify.twilio;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class TwilioSignaturesTest {
  private static final String TOKEN = "12345";
  private static final String URL = "https://switchboard.example/hooks/twilio/sms-status?n=42";

  private final TwilioSignatures signatures = new TwilioSignatures(TOKEN);
  private final Map<String, String> params = new LinkedHashMap<>();

  TwilioSignaturesTest() {
    params.put("MessageSid", "SM0123456789abcdef0123456789abcdef");
    params.put("MessageStatus", "delivered");
    params.put("To", "+15551230001");
    params.put("AccountSid", "AC0123456789abcdef0123456789abcdef");
    params.put("From", "+15005550006");
  }

  /**
   * Twilio's scheme, written out independently of twilio-java: HMAC-SHA1 keyed with the auth token
   * over the URL followed by every POST parameter, sorted by name, as name then value.
   */
  private static String sign(String token, String url, Map<String, String> params) {
    StringBuilder data = new StringBuilder(url);
    new TreeMap<>(params).forEach((name, value) -> data.append(name).append(value));
    try {
      Mac mac = Mac.getInstance("HmacSHA1");
      mac.init(new SecretKeySpec(token.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
      byte[] digest = mac.doFinal(data.toString().getBytes(StandardCharsets.UTF_8));
      return Base64.getEncoder().encodeToString(digest);
    } catch (GeneralSecurityException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void acceptsTheSignatureTwilioComputesWithTheAuthToken() {
    assertThat(signatures.isValid(URL, params, sign(TOKEN, URL, params))).isTrue();
  }

  @Test
  void acceptsASignedRequestWithoutParameters() {
    String url = "https://switchboard.example/hooks/twilio/voice/n-42";

    assertThat(signatures.isValid(url, Map.of(), sign(TOKEN, url, Map.of()))).isTrue();
    assertThat(signatures.isValid(url, null, sign(TOKEN, url, Map.of()))).isTrue();
  }

  @Test
  void rejectsASignatureMadeWithAnotherToken() {
    assertThat(signatures.isValid(URL, params, sign("other-token", URL, params))).isFalse();
  }

  @Test
  void rejectsATamperedParameter() {
    String signature = sign(TOKEN, URL, params);
    Map<String, String> tampered = new LinkedHashMap<>(params);
    tampered.put("MessageStatus", "failed");

    assertThat(signatures.isValid(URL, tampered, signature)).isFalse();
  }

  @Test
  void rejectsAnAddedParameter() {
    String signature = sign(TOKEN, URL, params);
    Map<String, String> extended = new LinkedHashMap<>(params);
    extended.put("ErrorCode", "30003");

    assertThat(signatures.isValid(URL, extended, signature)).isFalse();
  }

  @Test
  void rejectsAnotherUrl() {
    String signature = sign(TOKEN, URL, params);

    assertThat(signatures.isValid(URL.replace("n=42", "n=43"), params, signature)).isFalse();
  }

  @Test
  void rejectsAMissingOrBlankOrMalformedSignatureWithoutThrowing() {
    assertThat(signatures.isValid(URL, params, null)).isFalse();
    assertThat(signatures.isValid(URL, params, "")).isFalse();
    assertThat(signatures.isValid(URL, params, "   ")).isFalse();
    assertThat(signatures.isValid(URL, params, "not base64 at all!")).isFalse();
    assertThat(signatures.isValid(null, params, sign(TOKEN, URL, params))).isFalse();
    assertThat(signatures.isValid("::not a url::", params, "abc=")).isFalse();
  }
}
