package com.switchboard.notify.sms;

import static java.util.Map.entry;

import com.switchboard.notify.sms.SmsCommand.Action;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads an engineer's SMS reply to a page such as {@code Switchboard [acme] #42 HIGH checkout:
 * error rate 12%. Reply 42A ack, 42R resolve}.
 *
 * <p>A reply is one or two words, compared without regard to case:
 *
 * <ul>
 *   <li>a number glued to an action: {@code 42A}, {@code 42r}, {@code #42ack};
 *   <li>a number then an action, or an action then a number: {@code 42 ack}, {@code resolve #42};
 *   <li>an action alone: {@code A}, {@code resolve} (the command then has no incident number);
 *   <li>one of Twilio's keywords alone: STOP, STOPALL, UNSUBSCRIBE, CANCEL, END, QUIT (opt out);
 *       START, YES, UNSTOP (opt back in); HELP, INFO.
 * </ul>
 *
 * <p>The actions are A, ACK, ACKNOWLEDGE; R, RES, RESOLVE, RESOLVED; E, ESC, ESCALATE. A number may
 * have one leading {@code #}, has 1 to 12 ASCII digits and is at least 1. Whitespace (including
 * non-breaking spaces), straight and curly quotes and the punctuation {@code . , ! ? ; :} only
 * separate words. Anything else, including a reply naming two incidents or adding words, is {@link
 * Action#UNKNOWN}: acting on a guess is worse than asking again.
 *
 * <p>Parsing is linear in the length of the body, stops reading after the third word, and never
 * throws.
 */
public final class SmsReplyParser {
  private static final int MAX_DIGITS = 12;
  private static final String SEPARATORS = "'\"\u2018\u2019\u201C\u201D.,!?;:";

  private static final Map<String, Action> ACTIONS =
      Map.ofEntries(
          entry("a", Action.ACKNOWLEDGE),
          entry("ack", Action.ACKNOWLEDGE),
          entry("acknowledge", Action.ACKNOWLEDGE),
          entry("r", Action.RESOLVE),
          entry("res", Action.RESOLVE),
          entry("resolve", Action.RESOLVE),
          entry("resolved", Action.RESOLVE),
          entry("e", Action.ESCALATE),
          entry("esc", Action.ESCALATE),
          entry("escalate", Action.ESCALATE));

  /** Twilio's default opt-out, opt-in and help keywords, honoured only as the whole message. */
  private static final Map<String, Action> KEYWORDS =
      Map.ofEntries(
          entry("stop", Action.STOP),
          entry("stopall", Action.STOP),
          entry("unsubscribe", Action.STOP),
          entry("cancel", Action.STOP),
          entry("end", Action.STOP),
          entry("quit", Action.STOP),
          entry("start", Action.START),
          entry("yes", Action.START),
          entry("unstop", Action.START),
          entry("help", Action.HELP),
          entry("info", Action.HELP));

  private SmsReplyParser() {}

  /** The command in an SMS body; {@link Action#UNKNOWN} for null, blank or unreadable bodies. */
  public static SmsCommand parse(String body) {
    if (body == null) {
      return SmsCommand.unknown();
    }
    List<String> words = words(body, 3);
    if (words.size() == 1) {
      return oneWord(words.get(0));
    }
    if (words.size() == 2) {
      return twoWords(words.get(0), words.get(1));
    }
    return SmsCommand.unknown();
  }

  private static SmsCommand oneWord(String word) {
    Action keyword = KEYWORDS.get(word);
    if (keyword != null) {
      return new SmsCommand(keyword, null);
    }
    Action action = ACTIONS.get(word);
    if (action != null) {
      return new SmsCommand(action, null);
    }
    int digitsStart = word.startsWith("#") ? 1 : 0;
    int digitsEnd = digitsStart;
    while (digitsEnd < word.length() && isAsciiDigit(word.charAt(digitsEnd))) {
      digitsEnd++;
    }
    Long number = incidentNumber(word.substring(0, digitsEnd));
    action = ACTIONS.get(word.substring(digitsEnd));
    if (number == null || action == null) {
      return SmsCommand.unknown();
    }
    return new SmsCommand(action, number);
  }

  private static SmsCommand twoWords(String first, String second) {
    Long number = incidentNumber(first);
    Action action = ACTIONS.get(second);
    if (number == null || action == null) {
      number = incidentNumber(second);
      action = ACTIONS.get(first);
    }
    if (number == null || action == null) {
      return SmsCommand.unknown();
    }
    return new SmsCommand(action, number);
  }

  /** The number in {@code #?[0-9]{1,12}} if it is at least 1, otherwise null. */
  private static Long incidentNumber(String word) {
    int start = word.startsWith("#") ? 1 : 0;
    int digits = word.length() - start;
    if (digits < 1 || digits > MAX_DIGITS) {
      return null;
    }
    long value = 0;
    for (int i = start; i < word.length(); i++) {
      char c = word.charAt(i);
      if (!isAsciiDigit(c)) {
        return null;
      }
      value = value * 10 + (c - '0');
    }
    return value >= 1 ? value : null;
  }

  /** Up to {@code limit} lower-cased words of the body; reading stops once the limit is hit. */
  private static List<String> words(String body, int limit) {
    List<String> words = new ArrayList<>(limit);
    StringBuilder word = new StringBuilder();
    for (int i = 0; i < body.length() && words.size() < limit; i++) {
      char c = body.charAt(i);
      if (isSeparator(c)) {
        if (word.length() > 0) {
          words.add(word.toString().toLowerCase(Locale.ROOT));
          word.setLength(0);
        }
      } else {
        word.append(c);
      }
    }
    if (word.length() > 0 && words.size() < limit) {
      words.add(word.toString().toLowerCase(Locale.ROOT));
    }
    return words;
  }

  private static boolean isSeparator(char c) {
    return Character.isWhitespace(c) || Character.isSpaceChar(c) || SEPARATORS.indexOf(c) >= 0;
  }

  private static boolean isAsciiDigit(char c) {
    return c >= '0' && c <= '9';
  }
}
