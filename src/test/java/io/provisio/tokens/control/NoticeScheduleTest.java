package io.provisio.tokens.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class NoticeScheduleTest {

  private static final List<Integer> DEFAULT = NoticeSchedule.parse("30,14,7,3,1,0");
  private static final Instant EXPIRY = Instant.parse("2027-06-30T12:00:00Z");

  private static NoticeSchedule.Due at(Duration beforeExpiry, Set<Integer> recorded) {
    return NoticeSchedule.due(EXPIRY, EXPIRY.minus(beforeExpiry), DEFAULT, recorded);
  }

  @Test
  void nothingIsDueBeforeTheFirstThreshold() {
    var due = at(Duration.ofDays(31), Set.of());
    assertThat(due.send()).isNull();
    assertThat(due.superseded()).isEmpty();
  }

  @Test
  void thirtyDaysIsDueAtTwentyNineDaysLeft() {
    assertThat(at(Duration.ofDays(29), Set.of()).send()).isEqualTo(30);
    assertThat(at(Duration.ofDays(30), Set.of()).send()).isEqualTo(30);
  }

  @Test
  void aRecordedThresholdIsNotDueAgain() {
    var due = at(Duration.ofDays(29), Set.of(30));
    assertThat(due.send()).isNull();
  }

  @Test
  void whenSeveralAreDueOnlyTheMostUrgentIsSentAndTheOthersAreSuperseded() {
    var due = at(Duration.ofDays(6), Set.of(30));
    assertThat(due.send()).isEqualTo(7);
    assertThat(due.superseded()).containsExactly(14);
  }

  @Test
  void theDayOfExpiryAndAfter() {
    assertThat(at(Duration.ZERO, Set.of(30, 7)).send()).isEqualTo(0);
    assertThat(at(Duration.ofDays(-3), Set.of(30, 7)).send()).isEqualTo(0);
    assertThat(at(Duration.ofDays(-3), Set.of(30, 7)).superseded()).containsExactly(1, 3, 14);
  }

  @Test
  void aLessUrgentNoticeNeverFollowsAMoreUrgentOne() {
    assertThat(at(Duration.ofDays(6), Set.of(3)).send()).isNull();
  }

  @Test
  void parsesConfiguredDays() {
    assertThat(NoticeSchedule.parse(" 7, 30 ,0")).containsExactly(30, 7, 0);
    assertThatThrownBy(() -> NoticeSchedule.parse("-1")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void daysLeftRoundsDown() {
    Instant now = Instant.parse("2027-06-01T12:00:00Z");
    assertThat(ScimTokens.daysLeft(now.plus(Duration.ofDays(29)).plusSeconds(3600), now)).isEqualTo(29);
    assertThat(ScimTokens.daysLeft(now.plusSeconds(60), now)).isZero();
    assertThat(ScimTokens.daysLeft(now.minusSeconds(60), now)).isEqualTo(-1);
  }
}
