package io.provisio.platform.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class WarmUpTest {

  @Test
  void onlyALiteralLoopbackAddressCountsAsThisMachine() {
    assertThat(WarmUp.isLoopback("127.0.0.1")).isTrue();
    assertThat(WarmUp.isLoopback("127.8.9.10")).isTrue();
    assertThat(WarmUp.isLoopback("::1")).isTrue();
    assertThat(WarmUp.isLoopback("0:0:0:0:0:0:0:1")).isTrue();
    assertThat(WarmUp.isLoopback("10.0.0.1")).isFalse();
    assertThat(WarmUp.isLoopback("::ffff:10.0.0.1")).isFalse();
    assertThat(WarmUp.isLoopback("localhost")).as("names are never resolved").isFalse();
    assertThat(WarmUp.isLoopback("")).isFalse();
    assertThat(WarmUp.isLoopback(null)).isFalse();
  }

  @Test
  void aRoundReadsOnlyAndCoversTheHotPaths() {
    var round = WarmUp.calls();
    assertThat(round).extracting(WarmUp.Call::path).allMatch(p -> p.startsWith("scim/v2/"));
    String paths = round.stream().map(WarmUp.Call::path).collect(Collectors.joining("\n"));
    assertThat(paths).contains("ServiceProviderConfig", "Users/", "userName+eq", "externalId+eq", "emails+eq", "Groups/");
    assertThat(round).filteredOn(c -> !c.authenticated()).extracting(WarmUp.Call::expected).containsExactly(401);
    assertThat(WarmUp.calls().get(1).path()).as("fresh ids every round").isNotEqualTo(round.get(1).path());
  }
}
