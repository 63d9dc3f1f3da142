package com.switchboard.ticket.similar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.switchboard.ticket.similar.TextSimilarity.Candidate;
import com.switchboard.ticket.similar.TextSimilarity.Corpus;
import com.switchboard.ticket.similar.TextSimilarity.Match;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class TextSimilarityTest {
  /** One line of {@code similar/tickets.tsv}. */
  record Ticket(String expectedGroup, String subject, String description) {}

  static List<Ticket> corpus() {
    try (InputStream in = TextSimilarityTest.class.getResourceAsStream("/similar/tickets.tsv")) {
      List<Ticket> tickets = new ArrayList<>();
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        String[] fields = line.split("\t");
        tickets.add(new Ticket(fields[0], fields[1], fields[2]));
      }
      return tickets;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The corpus's tickets by expected group, as sets of line indexes. */
  static Set<Set<Integer>> expectedPartition(List<Ticket> tickets) {
    Map<String, Set<Integer>> groups = new LinkedHashMap<>();
    for (int i = 0; i < tickets.size(); i++) {
      groups.computeIfAbsent(tickets.get(i).expectedGroup(), g -> new TreeSet<>()).add(i);
    }
    return Set.copyOf(groups.values());
  }

  @Test
  void sameFailureTicketsGroupAndOthersStayAlone() {
    List<Ticket> tickets = corpus();
    // Fed in arrival order, each ticket joins the best group so far or starts one, with IDF over
    // the tickets seen so far: what the database grouping does ticket by ticket.
    List<Map<String, Integer>> seen = new ArrayList<>();
    List<List<Integer>> groups = new ArrayList<>();
    List<List<Map<String, Integer>>> members = new ArrayList<>();
    for (int i = 0; i < tickets.size(); i++) {
      Map<String, Integer> terms =
          TextSimilarity.terms(tickets.get(i).subject(), tickets.get(i).description());
      seen.add(terms);
      List<Candidate<Integer>> candidates = new ArrayList<>();
      for (int g = 0; g < groups.size(); g++) {
        candidates.add(new Candidate<>(g, members.get(g)));
      }
      Optional<Match<Integer>> match = TextSimilarity.bestGroup(terms, candidates, Corpus.of(seen));
      if (match.isPresent()) {
        groups.get(match.get().group()).add(i);
        members.get(match.get().group()).add(terms);
      } else {
        groups.add(new ArrayList<>(List.of(i)));
        members.add(new ArrayList<>(List.of(terms)));
      }
    }

    Set<Set<Integer>> actual =
        groups.stream().map(TreeSet::new).collect(Collectors.toUnmodifiableSet());
    assertThat(actual).isEqualTo(expectedPartition(tickets));
    // The partition the corpus names: 6 SSO, 5 card declines, 3 CSV exports, 12 alone.
    assertThat(groups.stream().map(List::size).sorted().toList())
        .containsExactly(1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 3, 5, 6);
  }

  @Test
  void topTermsOfAGroupNameItsFailure() {
    List<Ticket> tickets = corpus();
    List<Map<String, Integer>> all =
        tickets.stream().map(t -> TextSimilarity.terms(t.subject(), t.description())).toList();
    List<Map<String, Integer>> sso = new ArrayList<>();
    for (int i = 0; i < tickets.size(); i++) {
      if (tickets.get(i).expectedGroup().equals("sso")) {
        sso.add(all.get(i));
      }
    }
    List<String> top = TextSimilarity.topTerms(TextSimilarity.centroidOf(sso, Corpus.of(all)), 5);
    assertThat(top).contains("sso", "saml");
  }

  @Test
  void tokensAreLowerCasedStemmedAndFreeOfStopWordsAndOrderNumbers() {
    assertThat(
            TextSimilarity.tokens("Hi team, the Cards were DECLINED at checkout (order #4482913)"))
        .containsExactly("card", "declin", "checkout", "order");
    assertThat(TextSimilarity.tokens("declines decline declined declining")).containsOnly("declin");
    assertThat(TextSimilarity.tokens("logged logging")).containsOnly("log");
    assertThat(TextSimilarity.tokens("HTTP 500 errors, 429s"))
        .containsExactly("http", "500", "error", "429s");
  }

  @Test
  void unicodeLettersAndDigitsMakeTerms() {
    assertThat(TextSimilarity.tokens("Zahlung fehlgeschlagen: Kreditkarte abgelehnt — Fehler 402"))
        .containsExactly("zahlung", "fehlgeschlagen", "kreditkart", "abgelehnt", "fehler", "402");
    assertThat(TextSimilarity.tokens("ログイン できない")).containsExactly("ログイン", "できない");
    // NFKC: the full-width letters of a pasted error code are the ASCII ones.
    assertThat(TextSimilarity.tokens("ＳＡＭＬ")).containsExactly("saml");
  }

  @Test
  void cosineIsOneForTheSameTextAndZeroForDisjointText() {
    Corpus corpus =
        Corpus.of(
            List.of(
                TextSimilarity.terms("card declined", "at checkout"),
                TextSimilarity.terms("sso login", "saml assertion")));
    Map<String, Double> card =
        TextSimilarity.vector(TextSimilarity.terms("card declined", "at checkout"), corpus);
    Map<String, Double> sso =
        TextSimilarity.vector(TextSimilarity.terms("sso login", "saml assertion"), corpus);
    assertThat(TextSimilarity.cosine(card, card)).isCloseTo(1.0, within(1e-9));
    assertThat(TextSimilarity.cosine(card, sso)).isZero();
  }

  @Test
  void aTicketWithNoTermsJoinsNothing() {
    Map<String, Integer> empty = TextSimilarity.terms("Hi", "please help!!!");
    assertThat(empty).isEmpty();
    Corpus corpus = Corpus.of(List.of(empty, Map.of("card", 1)));
    assertThat(
            TextSimilarity.bestGroup(
                empty, List.of(new Candidate<>("g", List.of(Map.of("card", 1)))), corpus))
        .isEmpty();
  }
}
