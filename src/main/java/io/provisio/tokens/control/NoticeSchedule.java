package io.provisio.tokens.control;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which expiry notices are due for a token at a given time: pure rules, tested without a server.
 * A threshold of N days is due once the time left is at most N days (0 = on expiry). When several
 * are due at once (the timer did not run for a while), only the most urgent one is sent and the
 * others are recorded as superseded: an administrator gets one relevant email, not three.
 */
public final class NoticeSchedule {

  /** The most urgent due threshold to send, and the other due ones to mark superseded. */
  public record Due(Integer send, Set<Integer> superseded) {}

  private NoticeSchedule() {}

  public static Due due(Instant expiresAt, Instant now, List<Integer> thresholds, Set<Integer> recorded) {
    var due = new TreeSet<Integer>();
    for (int days : thresholds) {
      if (!now.isBefore(expiresAt.minus(Duration.ofDays(days)))) {
        due.add(days);
      }
    }
    if (due.isEmpty()) {
      return new Due(null, Set.of());
    }
    int mostUrgent = due.first();
    var superseded = new TreeSet<Integer>(due);
    superseded.remove(mostUrgent);
    superseded.removeAll(recorded);
    // a less urgent notice never goes out after a more urgent one was recorded
    boolean moreUrgentRecorded = recorded.stream().anyMatch(r -> r <= mostUrgent);
    return new Due(moreUrgentRecorded ? null : mostUrgent, superseded);
  }

  public static List<Integer> parse(String csv) {
    var days = new TreeSet<Integer>();
    for (String part : csv.split(",")) {
      if (!part.isBlank()) {
        int value = Integer.parseInt(part.trim());
        if (value < 0) {
          throw new IllegalArgumentException("reminder days must not be negative: " + value);
        }
        days.add(value);
      }
    }
    return List.copyOf(days.descendingSet());
  }
}
