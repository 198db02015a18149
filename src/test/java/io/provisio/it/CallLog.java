package io.provisio.it;

import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Every call a test's clients made, with when it started, how long it took and what it answered,
 * for assertions over a whole run ("no 500 while the database was away", "served again within
 * 10 s").
 */
final class CallLog {

  /** One call; status 0 when no answer came at all (connection refused, timed out). */
  record Call(String kind, long startMillis, long millis, int status, String retryAfter, String body) {
    boolean ok() {
      return status >= 200 && status < 300;
    }
  }

  private final Queue<Call> calls = new ConcurrentLinkedQueue<>();

  /** Makes the call and records it; a call that got no answer is recorded and rethrown. */
  Http.Answer record(String kind, Supplier<Http.Answer> call) {
    long start = System.currentTimeMillis();
    try {
      var answer = call.get();
      calls.add(new Call(kind, start, System.currentTimeMillis() - start, answer.status(),
          answer.header("Retry-After"), answer.status() >= 300 ? answer.body() : null));
      return answer;
    } catch (RuntimeException noAnswer) {
      calls.add(new Call(kind, start, System.currentTimeMillis() - start, 0, null, noAnswer.toString()));
      throw noAnswer;
    }
  }

  List<Call> where(Predicate<Call> condition) {
    return calls.stream().filter(condition).toList();
  }

  void clear() {
    calls.clear();
  }
}
