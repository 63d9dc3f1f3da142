package com.switchboard.tenant;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SignupServiceTest {
  @Test
  void slugOfLowerCasesAndJoinsWordsWithHyphens() {
    assertThat(SignupService.slugOf("Acme Corp. (EU)")).isEqualTo("acme-corp-eu");
    assertThat(SignupService.slugOf("Acme")).isEqualTo("acme");
    assertThat(SignupService.slugOf("ACME   corp")).isEqualTo("acme-corp");
  }

  @Test
  void slugOfDropsAccentsAndLeadingAndTrailingPunctuation() {
    assertThat(SignupService.slugOf("Café Zürich")).isEqualTo("cafe-zurich");
    assertThat(SignupService.slugOf("  --Señor Ñandú!!  ")).isEqualTo("senor-nandu");
    assertThat(SignupService.slugOf("Ｆｕｌｌｗｉｄｔｈ 42")).isEqualTo("fullwidth-42");
  }

  @Test
  void slugOfKeepsDigits() {
    assertThat(SignupService.slugOf("7-Eleven 2024")).isEqualTo("7-eleven-2024");
  }

  @Test
  void slugOfCutsLongNamesToFortyCharactersWithoutATrailingHyphen() {
    String slug = SignupService.slugOf("The Quite Extraordinarily Long Partners Incorporated");

    assertThat(slug).hasSizeLessThanOrEqualTo(40).doesNotEndWith("-");
    assertThat(slug).isEqualTo("the-quite-extraordinarily-long-partners");
    assertThat(SignupService.SLUG.matcher(slug).matches()).isTrue();
  }

  @Test
  void slugOfANameWithoutLettersOrDigitsIsEmptyAndSoInvalid() {
    String slug = SignupService.slugOf("!!! ???");

    assertThat(slug).isEmpty();
    assertThat(SignupService.SLUG.matcher(slug).matches()).isFalse();
  }

  @Test
  void slugsOfOrdinaryNamesAreValidSlugs() {
    for (String name : new String[] {"Acme Corp. (EU)", "Initech", "A", "9 Lives Ltd"}) {
      assertThat(SignupService.SLUG.matcher(SignupService.slugOf(name)).matches())
          .as(name)
          .isTrue();
    }
  }
}
