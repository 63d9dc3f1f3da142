package com.switchboard.notify.sms;

import java.text.Normalizer;
import java.util.BitSet;
import java.util.Objects;

/**
 * Fits text into SMS segments of the GSM 03.38 (3GPP TS 23.038) 7-bit alphabet.
 *
 * <p>A single GSM-7 segment holds 160 septets. One character outside the alphabet forces the whole
 * message into UCS-2, where a segment holds only 70 characters, so a page is converted to GSM-7
 * before it is sent and then fitted in one segment.
 *
 * <p>Each character of the basic table takes one septet. The extension table (form feed, {@code ^ {
 * } \ [ ~ ] |} and {@code €}) is reached through the escape code 0x1B, so those characters take
 * two. The escape code itself is not text and counts as not encodable.
 */
public final class SmsText {
  public static final int SEGMENT_SEPTETS = 160;

  /** The basic table in code order, 0x00 to 0x7F; 0x1B is the escape to the extension table. */
  private static final String BASIC_TABLE =
      "@£$¥èéùìòÇ\nØø\rÅå"
          + "Δ_ΦΓΛΩΠΨΣΘΞ\u001BÆæßÉ"
          + " !\"#¤%&'()*+,-./"
          + "0123456789:;<=>?"
          + "¡ABCDEFGHIJKLMNO"
          + "PQRSTUVWXYZÄÖÑÜ§"
          + "¿abcdefghijklmno"
          + "pqrstuvwxyzäöñüà";

  private static final char ESCAPE = '\u001B';

  /** The characters of the extension table (codes 0x0A 0x14 0x28 0x29 0x2F 0x3C-0x3E 0x40 0x65). */
  private static final String EXTENSION_TABLE = "\f^{}\\[~]|€";

  private static final String ELLIPSIS = "...";

  private static final BitSet BASIC = new BitSet();
  private static final BitSet EXTENSION = new BitSet();

  static {
    for (int i = 0; i < BASIC_TABLE.length(); i++) {
      if (BASIC_TABLE.charAt(i) != ESCAPE) {
        BASIC.set(BASIC_TABLE.charAt(i));
      }
    }
    for (int i = 0; i < EXTENSION_TABLE.length(); i++) {
      EXTENSION.set(EXTENSION_TABLE.charAt(i));
    }
  }

  private SmsText() {}

  /**
   * Number of GSM-7 septets the text needs (basic table = 1, extension table ^{}\[~]|€ and form
   * feed = 2).
   *
   * @throws IllegalArgumentException if a character is not encodable in GSM-7
   */
  public static int septets(String text) {
    Objects.requireNonNull(text, "text");
    int total = 0;
    for (int i = 0; i < text.length(); ) {
      int codePoint = text.codePointAt(i);
      int width = width(codePoint);
      if (width == 0) {
        throw new IllegalArgumentException(
            String.format("U+%04X at index %d is not in the GSM-7 alphabet", codePoint, i));
      }
      total += width;
      i += Character.charCount(codePoint);
    }
    return total;
  }

  /** Whether every character of the text is in the GSM-7 basic or extension table. */
  public static boolean isGsm7(String text) {
    Objects.requireNonNull(text, "text");
    for (int i = 0; i < text.length(); ) {
      int codePoint = text.codePointAt(i);
      if (width(codePoint) == 0) {
        return false;
      }
      i += Character.charCount(codePoint);
    }
    return true;
  }

  /**
   * Replaces characters outside GSM-7: curly quotes -> straight, en/em dash -> '-', ellipsis ->
   * "...", non-breaking space -> space, accented Latin letters not in GSM-7 -> their base letter
   * (Normalizer NFD, strip marks), tabs/newlines kept as GSM allows (LF and CR are in the basic
   * table), anything else -> '?'. Characters already in GSM-7 (including é, ü, Ä, ñ, etc. that ARE
   * in the basic table) stay unchanged.
   *
   * <p>In detail: the text is first composed (NFC), so a letter followed by a combining accent is
   * one letter. A tab and any other space character become a space; the Unicode line and paragraph
   * separators become LF. Backquote, acute accent and the single quotes and primes become {@code
   * '}; double quotes, double primes and guillemets become {@code "}; hyphens, dashes and the minus
   * sign become {@code -}. Characters that only decorate their neighbour are dropped: combining
   * marks left over after composition, variation selectors, zero-width joiners and other format
   * characters, emoji skin-tone modifiers. An emoji is therefore one {@code ?}, though a sequence
   * of several joined emoji or a flag becomes several. Only letters are reduced to their base
   * letter, so a symbol such as {@code ≠} becomes {@code ?}, never {@code =}; a letter whose base
   * is not in GSM-7 either (Greek with accents, Cyrillic, {@code Ł}, {@code œ}) becomes {@code ?}.
   * Note that {@code ç} becomes {@code c}: only the capital {@code Ç} is in the basic table.
   */
  public static String toGsm7(String text) {
    Objects.requireNonNull(text, "text");
    if (isGsm7(text)) {
      return text;
    }
    String composed = Normalizer.normalize(text, Normalizer.Form.NFC);
    StringBuilder out = new StringBuilder(composed.length());
    for (int i = 0; i < composed.length(); ) {
      int codePoint = composed.codePointAt(i);
      if (width(codePoint) > 0) {
        out.appendCodePoint(codePoint);
      } else {
        out.append(replacement(codePoint));
      }
      i += Character.charCount(codePoint);
    }
    return out.toString();
  }

  /**
   * prefix + summary + suffix converted with toGsm7 and fitted in maxSeptets: the prefix and suffix
   * are kept whole, the summary is truncated and ends with "..." when cut; if prefix+suffix alone
   * exceed maxSeptets, the summary is dropped and the prefix is truncated (the suffix, which holds
   * the reply instructions, is always kept whole as long as it fits alone). Never splits an
   * extension-table character.
   *
   * <p>Whitespace before the "..." of a cut summary is dropped. When there is room for less than
   * the "..." the summary is dropped. A truncated prefix gets no "...". A suffix that does not fit
   * alone is truncated to maxSeptets and is then the whole result.
   *
   * @throws IllegalArgumentException if maxSeptets is negative
   */
  public static String compose(String prefix, String summary, String suffix, int maxSeptets) {
    if (maxSeptets < 0) {
      throw new IllegalArgumentException("maxSeptets must not be negative: " + maxSeptets);
    }
    String head = toGsm7(Objects.requireNonNull(prefix, "prefix"));
    String body = toGsm7(Objects.requireNonNull(summary, "summary"));
    String tail = toGsm7(Objects.requireNonNull(suffix, "suffix"));
    int headSeptets = septets(head);
    int tailSeptets = septets(tail);
    if (tailSeptets > maxSeptets) {
      return fit(tail, maxSeptets);
    }
    if (headSeptets + tailSeptets > maxSeptets) {
      return fit(head, maxSeptets - tailSeptets) + tail;
    }
    int room = maxSeptets - headSeptets - tailSeptets;
    if (septets(body) <= room) {
      return head + body + tail;
    }
    if (room < ELLIPSIS.length()) {
      return head + tail;
    }
    return head + fit(body, room - ELLIPSIS.length()).stripTrailing() + ELLIPSIS + tail;
  }

  /** The longest start of a GSM-7 text that takes at most the given septets. */
  private static String fit(String gsm7, int maxSeptets) {
    int used = 0;
    int end = 0;
    while (end < gsm7.length()) {
      int width = width(gsm7.charAt(end));
      if (used + width > maxSeptets) {
        break;
      }
      used += width;
      end++;
    }
    return gsm7.substring(0, end);
  }

  /** 1 for the basic table, 2 for the extension table, 0 if not encodable. */
  private static int width(int codePoint) {
    if (BASIC.get(codePoint)) {
      return 1;
    }
    if (EXTENSION.get(codePoint)) {
      return 2;
    }
    return 0;
  }

  /** The GSM-7 text standing for one character outside GSM-7. */
  private static String replacement(int codePoint) {
    switch (codePoint) {
      case '\t':
        return " ";
      case '\u0085': // next line
      case '\u2028': // line separator
      case '\u2029': // paragraph separator
        return "\n";
      case '`':
      case '\u00B4': // acute accent
      case '\u02BC': // modifier letter apostrophe
      case '\u2018': // left single quotation mark
      case '\u2019': // right single quotation mark
      case '\u201A': // single low-9 quotation mark
      case '\u201B': // single high-reversed-9 quotation mark
      case '\u2032': // prime
        return "'";
      case '\u00AB': // left-pointing double angle quotation mark
      case '\u00BB': // right-pointing double angle quotation mark
      case '\u201C': // left double quotation mark
      case '\u201D': // right double quotation mark
      case '\u201E': // double low-9 quotation mark
      case '\u201F': // double high-reversed-9 quotation mark
      case '\u2033': // double prime
        return "\"";
      case '\u2010': // hyphen
      case '\u2011': // non-breaking hyphen
      case '\u2012': // figure dash
      case '\u2013': // en dash
      case '\u2014': // em dash
      case '\u2015': // horizontal bar
      case '\u2212': // minus sign
        return "-";
      case '\u2026': // horizontal ellipsis
        return ELLIPSIS;
      default:
        break;
    }
    if (Character.isSpaceChar(codePoint)) {
      return " ";
    }
    if (isDecoration(codePoint)) {
      return "";
    }
    if (Character.isLetter(codePoint)) {
      String base =
          stripMarks(Normalizer.normalize(Character.toString(codePoint), Normalizer.Form.NFD));
      if (!base.isEmpty() && isGsm7(base)) {
        return base;
      }
    }
    return "?";
  }

  /** Marks, format characters and emoji modifiers: they change how a neighbour looks. */
  private static boolean isDecoration(int codePoint) {
    int type = Character.getType(codePoint);
    return type == Character.NON_SPACING_MARK
        || type == Character.ENCLOSING_MARK
        || type == Character.COMBINING_SPACING_MARK
        || type == Character.FORMAT
        || (codePoint >= 0x1F3FB && codePoint <= 0x1F3FF);
  }

  private static String stripMarks(String decomposed) {
    StringBuilder out = new StringBuilder(decomposed.length());
    for (int i = 0; i < decomposed.length(); ) {
      int codePoint = decomposed.codePointAt(i);
      int type = Character.getType(codePoint);
      if (type != Character.NON_SPACING_MARK
          && type != Character.ENCLOSING_MARK
          && type != Character.COMBINING_SPACING_MARK) {
        out.appendCodePoint(codePoint);
      }
      i += Character.charCount(codePoint);
    }
    return out.toString();
  }
}
