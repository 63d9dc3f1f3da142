package com.switchboard.ticket.similar;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Similarity of support tickets by their words: TF-IDF vectors compared by cosine. Pure: no
 * database, no clock.
 *
 * <p><b>Terms.</b> Text is NFKC-normalized and lower-cased; a term is a run of Unicode letters and
 * digits. Stop words (English function words and support boilerplate such as "hi", "thanks",
 * "please", "issue") are dropped, and so are one-character terms and digit runs longer than four
 * (order and invoice numbers, unique to one ticket, only dilute the vector; short codes such as
 * "500" or "429" are kept). Words are lightly stemmed (plural, -ed, -ing, -ly and a final e), so
 * "declined", "declines" and "decline" meet, and the phrases customers write for logging in ("log
 * in", "sign in", "signed on", "single sign on") become one term ("login", "sso"). Char n-grams
 * would also catch typos, but they make unrelated tickets share many grams ("payment"/"password"
 * share "pa", "as", "ss"...) and so need a much higher, corpus-dependent threshold; whole words
 * with light stemming keep the threshold stable and the top terms readable. The subject's terms
 * count twice: a customer's subject names the failure, the description adds circumstance.
 *
 * <p><b>Weights.</b> Sublinear term frequency {@code 1 + ln(count)} times the smoothed inverse
 * document frequency {@code ln((1 + N) / (1 + df)) + 1} over the tenant's recent tickets; vectors
 * are L2-normalized, so cosine is a dot product. A group is compared through its centroid, the
 * normalized mean of its members' vectors.
 */
public final class TextSimilarity {
  /** A ticket joins a group when its cosine with the group's centroid is at least this. */
  public static final double THRESHOLD = 0.3;

  private static final int LONGEST_KEPT_NUMBER = 4;

  private static final Set<String> STOP_WORDS =
      Set.of(
          // English function words
          "a",
          "about",
          "after",
          "again",
          "all",
          "also",
          "am",
          "an",
          "and",
          "any",
          "are",
          "as",
          "at",
          "be",
          "been",
          "before",
          "being",
          "but",
          "by",
          "can",
          "cannot",
          "could",
          "did",
          "do",
          "does",
          "doing",
          "don",
          "each",
          "even",
          "every",
          "for",
          "from",
          "get",
          "gets",
          "getting",
          "got",
          "had",
          "has",
          "have",
          "having",
          "he",
          "her",
          "here",
          "him",
          "his",
          "how",
          "however",
          "i",
          "if",
          "in",
          "into",
          "is",
          "it",
          "its",
          "just",
          "keep",
          "keeps",
          "me",
          "more",
          "most",
          "my",
          "no",
          "not",
          "now",
          "of",
          "on",
          "once",
          "one",
          "only",
          "or",
          "other",
          "our",
          "out",
          "over",
          "same",
          "she",
          "should",
          "since",
          "so",
          "some",
          "still",
          "than",
          "that",
          "the",
          "their",
          "them",
          "then",
          "there",
          "these",
          "they",
          "this",
          "those",
          "through",
          "to",
          "too",
          "under",
          "until",
          "up",
          "us",
          "very",
          "was",
          "we",
          "were",
          "what",
          "when",
          "where",
          "which",
          "while",
          "who",
          "why",
          "will",
          "with",
          "would",
          "you",
          "your",
          "yours",
          "ll",
          "ve",
          "re",
          // Support boilerplate: in every kind of ticket, so it tells none apart
          "hi",
          "hello",
          "hey",
          "dear",
          "thanks",
          "thank",
          "please",
          "regards",
          "cheers",
          "help",
          "issue",
          "issues",
          "problem",
          "problems",
          "asap",
          "urgent",
          "today",
          "yesterday",
          "morning",
          "anyone",
          "someone",
          "something",
          "anything",
          "team",
          "support",
          "try",
          "tried",
          "trying",
          "tries",
          "see",
          "seeing",
          "know",
          "let",
          "need",
          "needs",
          "want",
          "like",
          "look",
          "looks",
          "possible",
          "able",
          "unable",
          "work",
          "working",
          "works",
          "worked",
          "use",
          "using",
          "used");

  private TextSimilarity() {}

  /** A ticket's term counts: subject terms twice, description terms once. */
  public static Map<String, Integer> terms(String subject, String description) {
    Map<String, Integer> counts = new HashMap<>();
    for (String term : tokens(subject)) {
      counts.merge(term, 2, Integer::sum);
    }
    for (String term : tokens(description)) {
      counts.merge(term, 1, Integer::sum);
    }
    return counts;
  }

  /** The text's terms in order, stop words dropped, stemmed. */
  public static List<String> tokens(String text) {
    List<String> words = new ArrayList<>();
    if (text == null || text.isEmpty()) {
      return words;
    }
    String normalized = Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
    StringBuilder word = new StringBuilder();
    normalized
        .codePoints()
        .forEach(
            cp -> {
              if (Character.isLetterOrDigit(cp)) {
                word.appendCodePoint(cp);
              } else if (!word.isEmpty()) {
                words.add(word.toString());
                word.setLength(0);
              }
            });
    if (!word.isEmpty()) {
      words.add(word.toString());
    }
    List<String> tokens = new ArrayList<>();
    for (int i = 0; i < words.size(); i++) {
      String phrase = phrase(words, i);
      if (phrase != null) {
        tokens.add(phrase);
        i += phrase.equals("sso") ? 2 : 1;
      } else {
        add(tokens, words.get(i));
      }
    }
    return tokens;
  }

  /**
   * The one term customers spell as several words: "log in", "sign in", "logged on" are "login";
   * "single sign on" is "sso". Null when the words at {@code i} are no such phrase.
   */
  private static String phrase(List<String> words, int i) {
    String next = i + 1 < words.size() ? words.get(i + 1) : "";
    String after = i + 2 < words.size() ? words.get(i + 2) : "";
    String first = words.get(i);
    if (first.equals("single") && next.equals("sign") && after.equals("on")) {
      return "sso";
    }
    if (LOGIN_VERBS.contains(first) && (next.equals("in") || next.equals("on"))) {
      return "login";
    }
    return null;
  }

  private static final Set<String> LOGIN_VERBS =
      Set.of("log", "logs", "logged", "logging", "sign", "signs", "signed", "signing");

  private static void add(List<String> tokens, String token) {
    if (token.codePointCount(0, token.length()) < 2 || STOP_WORDS.contains(token)) {
      return;
    }
    if (token.equals("signin") || token.equals("logon")) {
      tokens.add("login");
      return;
    }
    boolean digits = token.chars().allMatch(Character::isDigit);
    if (digits && token.length() > LONGEST_KEPT_NUMBER) {
      return;
    }
    tokens.add(digits ? token : stem(token));
  }

  /**
   * Light suffix stripping for letters-only words (not Porter): plurals, -ed, -ing, -ly, then a
   * final e, keeping at least three letters; a doubled final consonant left by -ed/-ing is undone
   * ("logged" → "log").
   */
  static String stem(String word) {
    if (!word.chars().allMatch(Character::isLetter)) {
      return word;
    }
    String w = word;
    if (w.endsWith("ies") && w.length() > 4) {
      w = w.substring(0, w.length() - 3) + "y";
    } else if (w.endsWith("sses")) {
      w = w.substring(0, w.length() - 2);
    } else if (w.endsWith("s")
        && !w.endsWith("ss")
        && !w.endsWith("us")
        && !w.endsWith("is")
        && w.length() > 3) {
      w = w.substring(0, w.length() - 1);
    }
    boolean suffixed = false;
    if (w.endsWith("ing") && w.length() > 5) {
      w = w.substring(0, w.length() - 3);
      suffixed = true;
    } else if (w.endsWith("ed") && w.length() > 4) {
      w = w.substring(0, w.length() - 2);
      suffixed = true;
    } else if (w.endsWith("ly") && w.length() > 4) {
      w = w.substring(0, w.length() - 2);
    }
    if (suffixed && w.length() > 3) {
      char last = w.charAt(w.length() - 1);
      if (last == w.charAt(w.length() - 2) && "aeioulsz".indexOf(last) < 0) {
        w = w.substring(0, w.length() - 1);
      }
    }
    if (w.endsWith("e") && w.length() > 4) {
      w = w.substring(0, w.length() - 1);
    }
    return w;
  }

  /** Document frequencies of a set of tickets: how many contain each term. */
  public record Corpus(int documents, Map<String, Integer> frequencies) {
    public static Corpus of(Collection<Map<String, Integer>> documents) {
      Map<String, Integer> df = new HashMap<>();
      for (Map<String, Integer> document : documents) {
        for (String term : document.keySet()) {
          df.merge(term, 1, Integer::sum);
        }
      }
      return new Corpus(documents.size(), df);
    }

    public double idf(String term) {
      return Math.log((1.0 + documents) / (1.0 + frequencies.getOrDefault(term, 0))) + 1.0;
    }
  }

  /** The L2-normalized TF-IDF vector of a ticket's term counts. */
  public static Map<String, Double> vector(Map<String, Integer> terms, Corpus corpus) {
    Map<String, Double> vector = new HashMap<>();
    for (Map.Entry<String, Integer> term : terms.entrySet()) {
      vector.put(term.getKey(), (1.0 + Math.log(term.getValue())) * corpus.idf(term.getKey()));
    }
    return normalized(vector);
  }

  /** Cosine of two normalized vectors. */
  public static double cosine(Map<String, Double> a, Map<String, Double> b) {
    Map<String, Double> small = a.size() <= b.size() ? a : b;
    Map<String, Double> large = small == a ? b : a;
    double dot = 0;
    for (Map.Entry<String, Double> term : small.entrySet()) {
      Double other = large.get(term.getKey());
      if (other != null) {
        dot += term.getValue() * other;
      }
    }
    return dot;
  }

  /** The normalized mean of normalized vectors. */
  public static Map<String, Double> centroid(Collection<Map<String, Double>> vectors) {
    Map<String, Double> sum = new HashMap<>();
    for (Map<String, Double> vector : vectors) {
      vector.forEach((term, weight) -> sum.merge(term, weight, Double::sum));
    }
    return normalized(sum);
  }

  /** The centroid of tickets given by their term counts. */
  public static Map<String, Double> centroidOf(
      Collection<Map<String, Integer>> members, Corpus corpus) {
    List<Map<String, Double>> vectors = new ArrayList<>();
    for (Map<String, Integer> member : members) {
      vectors.add(vector(member, corpus));
    }
    return centroid(vectors);
  }

  /** The heaviest terms of a vector, heaviest first (ties alphabetical). */
  public static List<String> topTerms(Map<String, Double> vector, int limit) {
    return vector.entrySet().stream()
        .sorted(
            Map.Entry.<String, Double>comparingByValue(Comparator.reverseOrder())
                .thenComparing(Map.Entry.comparingByKey()))
        .limit(limit)
        .map(Map.Entry::getKey)
        .toList();
  }

  /** A group a ticket may join: its id and its members' term counts. */
  public record Candidate<K>(K group, Collection<Map<String, Integer>> members) {}

  /** The group a ticket joins and its score. */
  public record Match<K>(K group, double score) {}

  /**
   * The candidate whose centroid is most similar to the ticket, if at least {@link #THRESHOLD}; on
   * equal scores the earlier candidate wins.
   */
  public static <K> Optional<Match<K>> bestGroup(
      Map<String, Integer> ticket, List<Candidate<K>> candidates, Corpus corpus) {
    Map<String, Double> vector = vector(ticket, corpus);
    Match<K> best = null;
    for (Candidate<K> candidate : candidates) {
      double score = cosine(vector, centroidOf(candidate.members(), corpus));
      if (score >= THRESHOLD && (best == null || score > best.score())) {
        best = new Match<>(candidate.group(), score);
      }
    }
    return Optional.ofNullable(best);
  }

  private static Map<String, Double> normalized(Map<String, Double> vector) {
    double norm = 0;
    for (double weight : vector.values()) {
      norm += weight * weight;
    }
    if (norm == 0) {
      return vector;
    }
    double length = Math.sqrt(norm);
    vector.replaceAll((term, weight) -> weight / length);
    return vector;
  }
}
