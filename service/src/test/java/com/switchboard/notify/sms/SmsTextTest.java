package com.switchboard.notify.sms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SmsTextTest {
  private static final String PREFIX = "Switchboard [acme] #42 HIGH ";
  private static final String SUFFIX = ". Reply 42A ack, 42R resolve";

  /** The basic table as 3GPP TS 23.038 lists it, typed here independently of SmsText. */
  private static final String BASIC_CHARACTERS =
      "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
          + "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";

  private static final String EXTENSION_CHARACTERS = "|^€{}[~]\\\f";

  @Test
  void encodesExactlyTheBasicAndExtensionTablesOfGsm0338() {
    Set<Character> oneSeptet = new TreeSet<>();
    Set<Character> twoSeptets = new TreeSet<>();
    for (int c = Character.MIN_VALUE; c <= Character.MAX_VALUE; c++) {
      String text = String.valueOf((char) c);
      if (SmsText.isGsm7(text)) {
        (SmsText.septets(text) == 1 ? oneSeptet : twoSeptets).add((char) c);
      }
    }

    assertThat(oneSeptet).hasSize(127).isEqualTo(characters(BASIC_CHARACTERS));
    assertThat(twoSeptets).hasSize(10).isEqualTo(characters(EXTENSION_CHARACTERS));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      value = {
        "``                      | 0",
        "abc                     | 3",
        "Hello, World!           | 13",
        "@£$¥¤§¿¡                | 8",
        "ΔΦΓΛΩΠΨΣΘΞ              | 10",
        "€                       | 2",
        "€5                      | 3",
        "{a}                     | 5",
        "`^{}\\[~]`              | 14",
        "`a|b`                   | 4",
        "`[acme] #42`            | 12",
      })
  void countsExtensionCharactersAsTwoSeptets(String text, int expected) {
    assertThat(SmsText.septets(text)).isEqualTo(expected);
  }

  @Test
  void countsLineBreaksOnceAndFormFeedTwice() {
    assertThat(SmsText.septets("a\r\nb")).isEqualTo(4);
    assertThat(SmsText.septets("a\fb")).isEqualTo(4);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "ç",
        "á",
        "`",
        "\t",
        "\u001B",
        "\u00A0",
        "\u2019",
        "\u2013",
        "\uD83D\uDE00",
        "\u4E2D",
        "\uD83D",
        "Ж",
        "α"
      })
  void refusesToCountCharactersOutsideGsm7(String character) {
    String text = "ok " + character;

    assertThat(SmsText.isGsm7(text)).isFalse();
    assertThatThrownBy(() -> SmsText.septets(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("index 3");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "plain ASCII text 123",
        "é ü Ä ñ Ç Å ß è ù ì ò à ö É Ø ø Æ æ",
        "Zürich, Ångström, España, Müller",
        "ΔΣΩ €10 {x} [y] ~ ^ | \\",
        "line one\nline two\r\n",
        "page\fbreak"
      })
  void leavesGsm7TextUnchanged(String text) {
    assertThat(SmsText.isGsm7(text)).isTrue();
    assertThat(SmsText.toGsm7(text)).isEqualTo(text);
  }

  @Test
  void replacesCurlyQuotesDashesEllipsisAndNonBreakingSpaces() {
    String text =
        "\u2018db\u2019 said \u201Cdown\u201D \u2013 retry\u2014now\u2026\u00A0ok\u202F1 \u201Ex\u201C";

    assertThat(SmsText.toGsm7(text)).isEqualTo("'db' said \"down\" - retry-now... ok 1 \"x\"");
  }

  @Test
  void replacesTabsWithSpacesAndKeepsLineBreaks() {
    assertThat(SmsText.toGsm7("a\tb\nc\r\nd\u2028e")).isEqualTo("a b\nc\r\nd\ne");
  }

  @ParameterizedTest
  @CsvSource({
    "naïve café, naive café",
    "façade, facade",
    "São Paulo, Sao Paulo",
    "Ærøskøbing, Ærøskøbing",
    "Kraków, Krakow",
    "Šiauliai Žemaitija, Siauliai Zemaitija",
    "ÁÂÃÈÊËÌÍÎÏÒÓÔÕÙÚÛ, AAAEEEIIIIOOOOUUU",
    "âãêëîïôõûÿ, aaeeiioouy",
    "Łódź, ?odz",
    "œuvre, ?uvre",
  })
  void reducesAccentedLettersOutsideGsm7ToTheirBaseLetter(String text, String expected) {
    assertThat(SmsText.toGsm7(text)).isEqualTo(expected);
  }

  @Test
  void composesDecomposedAccentsBeforeConverting() {
    assertThat(SmsText.toGsm7("cafe\u0301")).isEqualTo("café");
    assertThat(SmsText.toGsm7("fac\u0327ade")).isEqualTo("facade");
    assertThat(SmsText.toGsm7("q\u0301")).isEqualTo("q");
  }

  @ParameterizedTest
  @CsvSource({
    "ok \uD83D\uDC4D, ok ?",
    "\uD83D\uDD25 fire, ? fire",
    "\uD83D\uDC4D\uD83C\uDFFD done, ? done",
    "\u2764\uFE0F, ?",
    "\u670D\u52A1\u5668\u6545\u969C, ?????",
    "\u30C7\u30FC\u30BF\u30D9\u30FC\u30B9, ??????",
    "\uC11C\uBC84, ??",
    "\u041E\u0448\u0438\u0431\u043A\u0430, ??????",
    "\u03B1\u03B2 \u0391, ?? ?",
    "2 \u2260 3, 2 ? 3",
    "50\u00B0C, 50?C",
    "\u2022 item, ? item",
  })
  void replacesEmojiCjkAndOtherScriptsWithQuestionMarks(String text, String expected) {
    assertThat(SmsText.toGsm7(text)).isEqualTo(expected);
  }

  @Test
  void replacesALoneSurrogateWithAQuestionMark() {
    assertThat(SmsText.toGsm7("a\uD83Db")).isEqualTo("a?b");
    assertThat(SmsText.toGsm7("a\uDC4D")).isEqualTo("a?");
  }

  @Test
  void composesTheWholeMessageWhenItFits() {
    String message = SmsText.compose(PREFIX, "checkout: error rate 12%", SUFFIX, 160);

    assertThat(message)
        .isEqualTo(
            "Switchboard [acme] #42 HIGH checkout: error rate 12%. Reply 42A ack, 42R resolve");
  }

  @Test
  void truncatesA200CharacterSummaryToExactlyFill160Septets() {
    String summary = "checkout-api-error-rate-".repeat(10).substring(0, 200);
    int prefixAndSuffix = SmsText.septets(PREFIX) + SmsText.septets(SUFFIX);

    String message = SmsText.compose(PREFIX, summary, SUFFIX, SmsText.SEGMENT_SEPTETS);

    assertThat(prefixAndSuffix).isEqualTo(58);
    assertThat(SmsText.septets(message)).isEqualTo(160);
    assertThat(message)
        .isEqualTo(PREFIX + summary.substring(0, 160 - 58 - 3) + "..." + SUFFIX)
        .hasSize(158);
  }

  @Test
  void convertsEachPartBeforeFitting() {
    String message =
        SmsText.compose("\u201CP\u201D ", "caf\u00E9 \u2014 na\u00EFve", " \u2026", 40);

    assertThat(message).isEqualTo("\"P\" café - naive ...");
  }

  @Test
  void neverSplitsAnExtensionCharacterWhenCuttingTheSummary() {
    // room for the summary is 10 - 2 = 8 septets: "..." leaves 5, which holds two euro signs.
    String message = SmsText.compose("P", "€€€€€€", "S", 10);

    assertThat(message).isEqualTo("P€€...S");
    assertThat(SmsText.septets(message)).isEqualTo(9);
  }

  @Test
  void dropsWhitespaceBeforeTheEllipsis() {
    assertThat(SmsText.compose("", "abcd efgh", "", 8)).isEqualTo("abcd...");
  }

  @Test
  void dropsTheSummaryWhenThereIsNoRoomForTheEllipsis() {
    assertThat(SmsText.compose("ab", "summary", "cd", 6)).isEqualTo("abcd");
    assertThat(SmsText.compose("ab", "summary", "cd", 7)).isEqualTo("ab...cd");
  }

  @Test
  void truncatesThePrefixAndKeepsTheSuffixWholeWhenBothDoNotFit() {
    String suffix = "Reply 42A ack";

    String message = SmsText.compose(PREFIX, "checkout down", suffix, 20);

    assertThat(message).isEqualTo("Switchb" + suffix);
  }

  @Test
  void neverSplitsAnExtensionCharacterWhenCuttingThePrefix() {
    // 4 - 1 = 3 septets for the prefix: "ab" and half of "[" would be 3.
    assertThat(SmsText.compose("ab[cd", "x", "S", 4)).isEqualTo("abS");
  }

  @Test
  void truncatesTheSuffixOnlyWhenItCannotFitAlone() {
    assertThat(SmsText.compose("prefix ", "summary", "Reply 42A ack", 9)).isEqualTo("Reply 42A");
    assertThat(SmsText.compose("prefix ", "summary", "Reply 42A ack", 0)).isEmpty();
  }

  @Test
  void refusesANegativeSeptetBudget() {
    assertThatThrownBy(() -> SmsText.compose("a", "b", "c", -1))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void convertsAnyTextToGsm7AndIsStableWhenRepeated() {
    Random random = new Random(7_203_8L);
    for (int i = 0; i < 3_000; i++) {
      String text = randomText(random, random.nextInt(80));

      String converted = SmsText.toGsm7(text);

      assertThat(SmsText.isGsm7(converted)).as("toGsm7(%s)", escaped(text)).isTrue();
      assertThat(SmsText.toGsm7(converted)).isEqualTo(converted);
    }
  }

  @Test
  void composedMessagesAreGsm7WithinBudgetAndEndWithTheSuffix() {
    Random random = new Random(20_240_611L);
    int cut = 0;
    int prefixCut = 0;
    for (int i = 0; i < 5_000; i++) {
      String prefix = randomText(random, random.nextInt(50));
      String summary = randomText(random, random.nextInt(250));
      String suffix = randomText(random, random.nextInt(50));
      int maxSeptets = random.nextInt(200);

      String message = SmsText.compose(prefix, summary, suffix, maxSeptets);

      String description =
          String.format(
              "compose(%s, %s, %s, %d) = %s",
              escaped(prefix), escaped(summary), escaped(suffix), maxSeptets, escaped(message));
      String head = SmsText.toGsm7(prefix);
      String body = SmsText.toGsm7(summary);
      String tail = SmsText.toGsm7(suffix);
      int headSeptets = SmsText.septets(head);
      int tailSeptets = SmsText.septets(tail);
      assertThat(SmsText.isGsm7(message)).as(description).isTrue();
      assertThat(SmsText.septets(message)).as(description).isLessThanOrEqualTo(maxSeptets);
      if (tailSeptets <= maxSeptets) {
        assertThat(message).as(description).endsWith(tail);
      }
      if (headSeptets + tailSeptets <= maxSeptets) {
        assertThat(message).as(description).startsWith(head);
        if (headSeptets + SmsText.septets(body) + tailSeptets <= maxSeptets) {
          assertThat(message).as(description).isEqualTo(head + body + tail);
        } else {
          cut++;
          int room = maxSeptets - headSeptets - tailSeptets;
          String middle = message.substring(head.length(), message.length() - tail.length());
          if (room < 3) {
            assertThat(middle).as(description).isEmpty();
          } else {
            assertThat(middle).as(description).endsWith("...");
            assertThat(body).as(description).startsWith(middle.substring(0, middle.length() - 3));
          }
        }
      } else if (tailSeptets <= maxSeptets) {
        prefixCut++;
        assertThat(head)
            .as(description)
            .startsWith(message.substring(0, message.length() - tail.length()));
        // Only an extension character that would not fit may leave one septet unused.
        assertThat(SmsText.septets(message)).as(description).isGreaterThanOrEqualTo(maxSeptets - 1);
      }
    }
    // The generator reaches every branch often enough to mean something.
    assertThat(cut).isGreaterThan(500);
    assertThat(prefixCut).isGreaterThan(100);
  }

  /** Mostly GSM-7 text with extension characters, lookalikes, accents, emoji, CJK and junk. */
  private static String randomText(Random random, int length) {
    String[] pieces = {
      "a",
      "Z",
      "7",
      " ",
      " ",
      "e",
      ".",
      "\n",
      "\r",
      "é",
      "Ä",
      "ñ",
      "Δ",
      "£",
      "@",
      "_",
      "€",
      "{",
      "}",
      "[",
      "]",
      "^",
      "~",
      "\\",
      "|",
      "\f",
      "ç",
      "á",
      "ō",
      "\u0301",
      "\t",
      "`",
      "\u00A0",
      "\u2019",
      "\u201C",
      "\u2013",
      "\u2026",
      "\u200D",
      "\uFE0F",
      "\uD83D\uDC4D",
      "\uD83C\uDFFD",
      "\u4E2D",
      "\u0416",
      "\uD83D",
      "\u001B"
    };
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < length; i++) {
      if (random.nextInt(20) == 0) {
        text.appendCodePoint(random.nextInt(Character.MAX_CODE_POINT + 1));
      } else {
        text.append(pieces[random.nextInt(pieces.length)]);
      }
    }
    return text.toString();
  }

  private static String escaped(String text) {
    return text.codePoints()
        .mapToObj(c -> c >= 0x20 && c < 0x7F ? Character.toString(c) : String.format("\\u{%X}", c))
        .collect(Collectors.joining("", "\"", "\""));
  }

  private static Set<Character> characters(String text) {
    List<Character> list = new ArrayList<>();
    for (char c : text.toCharArray()) {
      list.add(c);
    }
    return new TreeSet<>(list);
  }
}
