package com.switchboard.notify.sms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.switchboard.notify.sms.SmsCommand.Action;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class SmsReplyParserTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "42A",
        "42a",
        "42 a",
        "42 ack",
        "42 acknowledge",
        "ack 42",
        "a 42",
        "ack #42",
        "#42A",
        "#42 ack",
        "42ack",
        "ACK 42",
        "Acknowledge 42",
        "\"42A\"",
        "'42A'",
        "\u201C42A\u201D",
        "\u201842A\u2019",
        "42A.",
        "42A!",
        "42A,",
        "ack 42!!",
        "  42A  ",
        "\t42   a\n",
        "42\u00A0A",
        "ack, 42",
        "042A"
      })
  void acknowledgesIncident42(String body) {
    assertThat(SmsReplyParser.parse(body)).isEqualTo(new SmsCommand(Action.ACKNOWLEDGE, 42L));
  }

  @ParameterizedTest
  @ValueSource(strings = {"A", "a", "ack", "ACK", "acknowledge", " Ack. ", "\u201Cack\u201D"})
  void acknowledgesWithoutNumberWhenActionStandsAlone(String body) {
    assertThat(SmsReplyParser.parse(body)).isEqualTo(new SmsCommand(Action.ACKNOWLEDGE, null));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "42R",
        "42r",
        "42 resolve",
        "resolve 42",
        "r 42",
        "res 42",
        "resolved #42",
        "42R."
      })
  void resolvesIncident42(String body) {
    assertThat(SmsReplyParser.parse(body)).isEqualTo(new SmsCommand(Action.RESOLVE, 42L));
  }

  @ParameterizedTest
  @ValueSource(strings = {"R", "r", "res", "resolve", "Resolved!"})
  void resolvesWithoutNumberWhenActionStandsAlone(String body) {
    assertThat(SmsReplyParser.parse(body)).isEqualTo(new SmsCommand(Action.RESOLVE, null));
  }

  @ParameterizedTest
  @ValueSource(strings = {"42E", "42e", "42 escalate", "escalate 42", "esc 42", "ESC #42"})
  void escalatesIncident42(String body) {
    assertThat(SmsReplyParser.parse(body)).isEqualTo(new SmsCommand(Action.ESCALATE, 42L));
  }

  @ParameterizedTest
  @ValueSource(strings = {"E", "e", "esc", "escalate", "ESCALATE."})
  void escalatesWithoutNumberWhenActionStandsAlone(String body) {
    assertThat(SmsReplyParser.parse(body)).isEqualTo(new SmsCommand(Action.ESCALATE, null));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"STOP", "stop", "StopAll", "UNSUBSCRIBE", "cancel", "END", "quit", " stop. "})
  void readsTwilioOptOutKeywordsAsStop(String body) {
    assertThat(SmsReplyParser.parse(body)).isEqualTo(new SmsCommand(Action.STOP, null));
  }

  @ParameterizedTest
  @ValueSource(strings = {"START", "start", "YES", "yes!", "unstop"})
  void readsTwilioOptInKeywordsAsStart(String body) {
    assertThat(SmsReplyParser.parse(body)).isEqualTo(new SmsCommand(Action.START, null));
  }

  @ParameterizedTest
  @ValueSource(strings = {"HELP", "help", "Info", "help?"})
  void readsTwilioHelpKeywordsAsHelp(String body) {
    assertThat(SmsReplyParser.parse(body)).isEqualTo(new SmsCommand(Action.HELP, null));
  }

  @ParameterizedTest
  @ValueSource(strings = {"stop 42", "42 stop", "42STOP", "help me", "yes ack", "please stop"})
  void honoursTwilioKeywordsOnlyAsTheWholeMessage(String body) {
    assertThat(SmsReplyParser.parse(body)).isEqualTo(SmsCommand.unknown());
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(
      strings = {
        " ",
        "\n\t ",
        "\"\"",
        "...",
        "hello",
        "42",
        "#42",
        "#",
        "#A",
        "42X",
        "42 x",
        "x 42",
        "42 43",
        "ack ack",
        "ack 42 43",
        "42A 43R",
        "42A please and also 43R",
        "ok 42A",
        "42A thanks",
        "##42A",
        "4#2A",
        "42-A",
        "42AA",
        "A42",
        "ack42x",
        "-42A",
        "4.2A",
        "0A",
        "00A",
        "ack 0",
        "ack #0",
        "1234567890123A",
        "ack 1234567890123",
        "99999999999999999999999999A",
        "ack 99999999999999999999999999",
        "\u0664\u0662A",
        "\uFF14\uFF12A",
        "42 \uD83D\uDC4D",
        "\uD83D\uDC4D"
      })
  void answersUnknownForAnythingElse(String body) {
    assertThat(SmsReplyParser.parse(body)).isEqualTo(new SmsCommand(Action.UNKNOWN, null));
  }

  @Test
  void acceptsTwelveDigitIncidentNumbers() {
    assertThat(SmsReplyParser.parse("999999999999A"))
        .isEqualTo(new SmsCommand(Action.ACKNOWLEDGE, 999_999_999_999L));
    assertThat(SmsReplyParser.parse("resolve 1")).isEqualTo(new SmsCommand(Action.RESOLVE, 1L));
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 2, 3})
  void answersVeryLongMessagesQuickly(int shape) {
    String body =
        switch (shape) {
          case 0 -> "4".repeat(10_000) + "A";
          case 1 -> " ".repeat(9_996) + "42A";
          case 2 -> "42A ".repeat(2_500);
          default -> "a".repeat(10_000);
        };
    SmsCommand command = SmsReplyParser.parse(body);

    assertThat(body).hasSizeGreaterThanOrEqualTo(9_999);
    assertThat(command)
        .isEqualTo(shape == 1 ? new SmsCommand(Action.ACKNOWLEDGE, 42L) : SmsCommand.unknown());
  }

  @Test
  void neverThrowsOnRandomText() {
    Random random = new Random(20240611L);
    String alphabet = "0123456789#aAcCkKrReEsS \t\n'\"\u2018\u2019\u201C\u201D.,!?-\u00A0";
    for (int i = 0; i < 5_000; i++) {
      StringBuilder body = new StringBuilder();
      int length = random.nextInt(20);
      for (int j = 0; j < length; j++) {
        if (random.nextInt(10) == 0) {
          body.append((char) random.nextInt(Character.MAX_VALUE + 1));
        } else {
          body.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
      }
      String text = body.toString();

      assertThatCode(() -> SmsReplyParser.parse(text)).doesNotThrowAnyException();
      SmsCommand command = SmsReplyParser.parse(text);
      assertThat(command.action()).isNotNull();
      if (command.incidentNumber() != null) {
        assertThat(command.incidentNumber()).isPositive();
        assertThat(command.action().targetsIncident()).isTrue();
      }
    }
  }

  @ParameterizedTest
  @EnumSource(
      value = Action.class,
      names = {"STOP", "START", "HELP", "UNKNOWN"})
  void refusesAnIncidentNumberOnCommandsThatTakeNone(Action action) {
    assertThatThrownBy(() -> new SmsCommand(action, 42L))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void refusesIncidentNumbersBelowOne() {
    assertThatThrownBy(() -> new SmsCommand(Action.ACKNOWLEDGE, 0L))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
