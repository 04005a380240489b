package org.trustedresearch.cases.screening;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.FileSystemResource;

/** Matching partner names against the sample list in the UK Sanctions List CSV layout. */
class PartnerScreeningTest {

  final PartnerScreening screening =
      new PartnerScreening(new ScreeningProperties(new ClassPathResource("sanctions/uk-sanctions-list-sample.csv")));

  @Test
  void theExactPrimaryNameMatches() {
    PartnerScreening.Outcome outcome = screening.screen("Zorvan Dynamics Research Institute");
    assertThat(outcome.potentialMatch()).isTrue();
    assertThat(outcome.matches()).extracting(ListedName::uniqueId).containsExactly("FIC0001");
    assertThat(outcome.listDate()).isEqualTo("01-Nov-2026");
  }

  @Test
  void aliasesMatchAndSayTheirQuality() {
    PartnerScreening.Outcome outcome = screening.screen("Zorvan Dynamics");
    assertThat(outcome.matches()).singleElement().satisfies(name -> {
      assertThat(name.nameType()).isEqualTo("Alias");
      assertThat(name.aliasStrength()).isEqualTo("Good quality a.k.a");
      assertThat(name.describe()).contains("ZORVAN DYNAMICS (Alias, Good quality a.k.a)", "Entity", "FIC0001");
    });
    assertThat(screening.screen("Institute for Applied Zorvan Physics").potentialMatch()).isTrue();
  }

  @Test
  void caseAccentsAndPunctuationAreIgnored() {
    assertThat(screening.screen("societe aurelienne de technologie").potentialMatch()).isTrue();
    assertThat(screening.screen("Société Auréliènne de Technologie S.A.").potentialMatch()).isTrue();
    assertThat(screening.screen("MERIDIAN 9 ADVANCED MATERIALS").matches())
        .extracting(ListedName::uniqueId).containsExactly("FIC0004");
  }

  @Test
  void wordOrderIsIgnored() {
    assertThat(screening.screen("Photonics Kestrel").matches())
        .extracting(ListedName::uniqueId).containsExactly("FIC0003");
  }

  @Test
  void companySuffixesAreIgnoredWhateverTheirSpelling() {
    assertThat(screening.screen("Kestrel Photonics").potentialMatch()).isTrue();
    assertThat(screening.screen("Kestrel Photonics Ltd.").potentialMatch()).isTrue();
    assertThat(screening.screen("Kestrel Optical Systems, LLC").potentialMatch()).isTrue();
    assertThat(screening.screen("Kestrel Optical Systems Inc").potentialMatch()).isTrue();
    assertThat(screening.screen("Meridian-9 Advanced Materials LLC").potentialMatch()).isTrue();
    assertThat(screening.screen("Aurelian Technology Co.").potentialMatch()).isTrue();
  }

  @Test
  void nearMissesDoNotMatch() {
    assertThat(screening.screen("Zorvan Dynamic Research Institute").potentialMatch()).as("one letter").isFalse();
    assertThat(screening.screen("Zorvan Dynamics Research Institute of Technology").potentialMatch())
        .as("an extra word").isFalse();
    assertThat(screening.screen("Kestrel Photonics Research").potentialMatch()).as("an extra word").isFalse();
    assertThat(screening.screen("Kestrel").potentialMatch()).as("part of a name").isFalse();
    assertThat(screening.screen("Aurelian Technologies").potentialMatch()).as("plural").isFalse();
    assertThat(screening.screen("Ltd").potentialMatch()).as("only a suffix").isFalse();
  }

  @Test
  void aPartnerNotOnTheListIsClear() {
    PartnerScreening.Outcome outcome = screening.screen("University of Heidelberg");
    assertThat(outcome.potentialMatch()).isFalse();
    assertThat(outcome.describeMatches()).isEmpty();
  }

  @Test
  void peoplesNamesRunFromName1ToName6() {
    assertThat(screening.screen("Irina Example Volkova").matches())
        .extracting(ListedName::designationType).containsExactly("Individual");
  }

  @Test
  void aListWithoutReportDateAndWithTheOlderTypeColumnIsRead(@TempDir Path folder) throws IOException {
    Path list = folder.resolve("list.csv");
    Files.writeString(list, """
        \uFEFFUnique ID,Name 6,Name 1,Name type,Alias strength,"Individual, Entity, Ship",Regime Name
        XYZ0001,ORCHID HOLDINGS,,Primary Name,,Entity,Sample
        """, StandardCharsets.UTF_8);
    PartnerScreening fromFile = new PartnerScreening(new ScreeningProperties(new FileSystemResource(list)));
    PartnerScreening.Outcome outcome = fromFile.screen("Orchid Holdings Limited");
    assertThat(outcome.listDate()).isEmpty();
    assertThat(outcome.matches()).singleElement()
        .satisfies(name -> assertThat(name.designationType()).isEqualTo("Entity"));
  }

  @Test
  void aReplacedListFileIsReadAgain(@TempDir Path folder) throws IOException {
    Path list = folder.resolve("list.csv");
    Files.writeString(list, "Report Date: 01-Jan-2026\nUnique ID,Name 6,Name type\nA1,FIRST NAME CORP,Primary Name\n");
    PartnerScreening fromFile = new PartnerScreening(new ScreeningProperties(new FileSystemResource(list)));
    assertThat(fromFile.screen("First Name").potentialMatch()).isTrue();

    Files.writeString(list, "Report Date: 02-Jan-2026\nUnique ID,Name 6,Name type\nB2,SECOND NAME CORP,Primary Name\n");
    list.toFile().setLastModified(list.toFile().lastModified() + 2000);
    assertThat(fromFile.screen("First Name").potentialMatch()).isFalse();
    assertThat(fromFile.screen("Second Name").listDate()).isEqualTo("02-Jan-2026");
  }

  @Test
  void anUnreadableListIsAnErrorNotAClearResult(@TempDir Path folder) {
    PartnerScreening missing =
        new PartnerScreening(new ScreeningProperties(new FileSystemResource(folder.resolve("missing.csv"))));
    assertThatThrownBy(() -> missing.screen("Anyone")).isInstanceOf(UncheckedIOException.class)
        .hasMessageContaining("Cannot read the sanctions list");
  }
}
